import { hmacSha256Base64 } from '../../crypto/hmac.ts';
import type { ErrorCode } from '../../errors/codes.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { normalizeOkxBalance } from './normalize.ts';

export const OKX_PRIVATE_PATH = '/ws/v5/private';

/** OKX WebSocket error codes 60001–60024 (ccxt's okx exceptions table; reference §3.6 for 60009). */
const CODES: Record<string, ErrorCode> = {
  '60001': 'auth.invalid_key',
  '60002': 'auth.invalid_signature',
  '60003': 'auth.passphrase',
  '60004': 'auth.timestamp',
  '60005': 'auth.invalid_key',
  '60006': 'auth.timestamp',
  '60007': 'auth.invalid_signature',
  '60009': 'auth.failed',
  '60011': 'auth.failed',
  '60024': 'auth.passphrase',
};

export function mapOkxStreamError(code: string, msg: string): CtsError {
  return new CtsError(CODES[code] ?? 'exchange', `OKX stream: ${msg || 'error'} (${code})`, {
    exchangeCode: code,
  });
}

/**
 * OKX V5 private stream (reference §3.6): `login` with sign = base64(HMAC-SHA256(secret, ts + "GET" +
 * "/users/self/verify")), ts in SECONDS; channel `account` (a snapshot follows the subscription); the client
 * sends the text `ping` when idle (< 30 s) and gets `pong`.
 */
export function createOkxStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const url = `${wsBaseUrl('okx', o.environment, 'default', o.baseUrl, o.region)}${OKX_PRIVATE_PATH}`;
  return {
    label: 'OKX private stream',
    ping: 'ping',
    pingIntervalMs: 25_000,
    serverSilenceMs: null,
    balanceOnSubscribe: true,
    heartbeatNote: 'client sends "ping" within 30 s of silence',
    async prepare() {
      const timestamp = String(Math.round(ctx.now() / 1000));
      const sign = await hmacSha256Base64(o.credentials.apiSecret, `${timestamp}GET/users/self/verify`);
      const args = [{ apiKey: o.credentials.apiKey, passphrase: o.credentials.passphrase, timestamp, sign }];
      return {
        url,
        safeUrl: url,
        login: JSON.stringify({ op: 'login', args }),
        subscribe: '{"op":"subscribe","args":[{"channel":"account"}]}',
      };
    },
    read(text): StreamEvent {
      if (text === 'pong') return { kind: 'heartbeat' };
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.event === 'login')
        return m.code === '0'
          ? { kind: 'authenticated', detail: `connId ${String(m.connId ?? '')}` }
          : { kind: 'error', error: mapOkxStreamError(String(m.code), String(m.msg ?? '')) };
      if (m.event === 'error')
        return { kind: 'error', error: mapOkxStreamError(String(m.code), String(m.msg ?? '')) };
      if (m.event === 'subscribe') return { kind: 'subscribed', detail: 'account' };
      const arg = m.arg as { channel?: string } | undefined;
      if (arg?.channel === 'account' && Array.isArray(m.data))
        return { kind: 'balance', balance: normalizeOkxBalance(m.data), detail: 'account' };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('OKX private stream', info),
  };
}
