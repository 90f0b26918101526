import { randomHex } from '../../crypto/random.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { orangexError } from './errors.ts';
import { orangexClientSignature } from './signer.ts';

export const ORANGEX_WS_PATH = '/ws/api/v1';
/** A user channel per the OX-PY pattern `user.changes.{kind}.{currency}.{interval}` (exact names UNCONFIRMED). */
export const ORANGEX_ACCOUNT_CHANNEL = 'user.changes.perpetual.USDT.raw';
const AUTH_ID = 1;
const SUBSCRIBE_ID = 2;

/**
 * OrangeX stream (reference §6.5): JSON-RPC over the socket — `/public/auth` (grant `client_signature`, so
 * the secret stays here), then `/private/subscribe` with the access token; heartbeat: the client sends the
 * text `PING` every 5 s and the server answers `PONG`.
 */
export function createOrangexStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const url = `${wsBaseUrl('orangex', o.environment, 'default', o.baseUrl)}${ORANGEX_WS_PATH}`;
  let accessToken = '';
  const rpc = (id: number, method: string, params: Record<string, unknown>) =>
    JSON.stringify({ jsonrpc: '2.0', id, method, params });
  return {
    label: 'OrangeX stream',
    ping: 'PING',
    pingIntervalMs: 5000,
    serverSilenceMs: null,
    balanceOnSubscribe: false,
    heartbeatNote: 'client sends PING every 5 s',
    async prepare() {
      const timestamp = Math.round(ctx.now());
      const nonce = randomHex(8);
      const signature = await orangexClientSignature(
        o.credentials.apiKey,
        o.credentials.apiSecret,
        timestamp,
        nonce,
      );
      const login = rpc(AUTH_ID, '/public/auth', {
        grant_type: 'client_signature',
        client_id: o.credentials.apiKey,
        timestamp: String(timestamp),
        nonce,
        signature,
      });
      return {
        url,
        safeUrl: url,
        login,
        get subscribe() {
          return rpc(SUBSCRIBE_ID, '/private/subscribe', {
            channels: [ORANGEX_ACCOUNT_CHANNEL],
            access_token: accessToken,
          });
        },
      };
    },
    read(text): StreamEvent {
      if (text === 'PONG') return { kind: 'heartbeat' };
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      const error = m.error as { code?: number; message?: string } | undefined;
      if (error)
        return {
          kind: 'error',
          // The REST connector's mapper: 10000 refined by its message in both.
          error: orangexError(Number(error.code), String(error.message ?? '')),
        };
      if (m.id === AUTH_ID) {
        const result = m.result as { access_token?: string; scope?: string } | undefined;
        if (!result?.access_token)
          return {
            kind: 'error',
            error: new CtsError('exchange.bad_response', 'OrangeX auth: no access_token'),
          };
        accessToken = result.access_token;
        return { kind: 'authenticated', detail: result.scope ? `scope ${result.scope}` : undefined };
      }
      if (m.id === SUBSCRIBE_ID) return { kind: 'subscribed', detail: ORANGEX_ACCOUNT_CHANNEL };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('OrangeX stream', info),
  };
}
