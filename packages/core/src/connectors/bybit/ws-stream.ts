import { CtsError } from '../../errors/cts-error.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { normalizeBybitBalance } from './normalize.ts';
import { bybitSignature } from './signer.ts';

export const BYBIT_PRIVATE_PATH = '/v5/private';
/** How far ahead the auth `expires` is set. */
const EXPIRES_AHEAD_MS = 10_000;

/** Bybit's auth failure text → our code. Bybit's failure payload is UNCONFIRMED (reference §1.6): we read ret_msg. */
export function mapBybitStreamError(retMsg: string): CtsError {
  const message = `Bybit stream: ${retMsg || 'auth failed'}`;
  if (/api ?key.*expire|key.*expired/i.test(retMsg)) return new CtsError('auth.key_expired', message);
  if (/expire/i.test(retMsg)) return new CtsError('auth.timestamp', message);
  if (/sign/i.test(retMsg)) return new CtsError('auth.invalid_signature', message);
  if (/api ?key|not exist/i.test(retMsg)) return new CtsError('auth.invalid_key', message);
  if (/ip/i.test(retMsg)) return new CtsError('auth.ip_not_allowed', message);
  if (/permission|not authorized/i.test(retMsg)) return new CtsError('auth.permission', message);
  return new CtsError('auth.failed', message);
}

/**
 * Bybit V5 private stream (reference §1.6): `{"op":"auth","args":[apiKey, expires, sign]}` with
 * sign = HMAC-SHA256(secret, "GET/realtime" + expires) hex (RSA: base64), topic `wallet` (no snapshot on
 * subscribe), `{"op":"ping"}` every 20 s.
 */
export function createBybitStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const url = `${wsBaseUrl('bybit', o.environment, 'default', o.baseUrl, o.region)}${BYBIT_PRIVATE_PATH}`;
  return {
    label: 'Bybit private stream',
    ping: '{"req_id":"cts-ping","op":"ping"}',
    pingIntervalMs: 20_000,
    serverSilenceMs: null,
    balanceOnSubscribe: false,
    heartbeatNote: 'client pings every 20 s',
    async prepare() {
      const expires = Math.round(ctx.now() + EXPIRES_AHEAD_MS);
      const sign = await bybitSignature(`GET/realtime${expires}`, o.credentials);
      return {
        url,
        safeUrl: url,
        login: JSON.stringify({
          req_id: 'cts-auth',
          op: 'auth',
          args: [o.credentials.apiKey, expires, sign],
        }),
        subscribe: '{"req_id":"cts-sub","op":"subscribe","args":["wallet"]}',
      };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      const retMsg = typeof m.ret_msg === 'string' ? m.ret_msg : '';
      if (m.op === 'pong' || (m.op === 'ping' && retMsg === 'pong')) return { kind: 'heartbeat' };
      if (m.op === 'auth')
        return m.success === true
          ? { kind: 'authenticated', detail: `conn_id ${String(m.conn_id ?? '')}` }
          : { kind: 'error', error: mapBybitStreamError(retMsg) };
      if (m.op === 'subscribe')
        return m.success === true
          ? { kind: 'subscribed', detail: 'wallet' }
          : { kind: 'error', error: mapBybitStreamError(retMsg) };
      if (m.topic === 'wallet')
        return { kind: 'balance', balance: normalizeBybitBalance({ list: m.data }), detail: 'wallet' };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Bybit private stream', info),
  };
}
