import { CtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { gzipDecoder } from '../shared/ws-connection.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { bingxError } from './errors.ts';
import { createBingxReader } from './reader.ts';

export const BINGX_LISTEN_KEY_PATH = '/openApi/user/auth/userDataStream';
export const BINGX_SWAP_STREAM_PATH = '/swap-market';
export const BINGX_SPOT_STREAM_PATH = '/market';
const SPOT_SUBSCRIBE_ID = 'cts-account-update';

/** The listenKey reply `{"listenKey": "..."}` has no `{code, data}` envelope; errors still do. */
function listenKeyOf(json: unknown): string | undefined {
  const key = (json as { listenKey?: unknown } | null)?.listenKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * BingX user data (reference §4.6): `POST /openApi/user/auth/userDataStream` with only the X-BX-APIKEY
 * header → listenKey (valid 1 h; PUT extends, DELETE closes). USDT-M perpetual (every apiType but `spot`):
 * connect `/swap-market?listenKey=`, account data is pushed unasked (on change). Spot (`apiType: 'spot'`):
 * connect the spot host's `/market?listenKey=` and subscribe `{"id","reqType":"sub","dataType":"ACCOUNT_UPDATE"}`
 * (the reply carries our id and `code` 0). Every frame is GZIP; the server sends `Ping` every 5 s and the
 * client answers `Pong` — documented for swap only: the spot heartbeat format is UNCONFIRMED (§4.6), the
 * swap one is used.
 */
export function createBingxStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const rest = restBaseUrl('bingx', o.environment, 'default', o.baseUrl);
  const base = reader();
  function reader() {
    const inner = createBingxReader(o.clock);
    return {
      ...inner,
      read(reply: Parameters<typeof inner.read>[0]) {
        const key = listenKeyOf(reply.json);
        if (key !== undefined && reply.status < 400) return key;
        if (
          reply.status < 400 &&
          reply.json !== null &&
          typeof reply.json === 'object' &&
          !('code' in reply.json)
        )
          return '';
        inner.read(reply);
        return '';
      },
    };
  }
  // Keep-alive and release are not retried: a failed keep-alive ends the stream, which reconnects with a new key.
  const call = (method: 'POST' | 'PUT' | 'DELETE', listenKey?: string) =>
    send(
      method === 'POST' ? ctx.http : { ...ctx.http, maxRetries: 0 },
      { method, path: BINGX_LISTEN_KEY_PATH },
      async () => ({
        method,
        url: `${rest}${BINGX_LISTEN_KEY_PATH}${listenKey ? `?listenKey=${encodeURIComponent(listenKey)}` : ''}`,
        headers: { 'X-BX-APIKEY': o.credentials.apiKey },
        path: BINGX_LISTEN_KEY_PATH,
      }),
      base,
    );
  const spot = o.apiType === 'spot';
  // §4.1 names a VST (demo) host for swap only.
  if (spot && o.environment !== 'mainnet' && o.baseUrl === undefined)
    throw new TypeError(`environment: bingx has no documented spot stream on ${o.environment}`);
  const stream = spot
    ? `${wsBaseUrl('bingx', o.environment, 'spot', o.baseUrl)}${BINGX_SPOT_STREAM_PATH}`
    : `${wsBaseUrl('bingx', o.environment, 'default', o.baseUrl)}${BINGX_SWAP_STREAM_PATH}`;
  return {
    label: spot ? 'BingX spot user data stream' : 'BingX user data stream',
    ping: null,
    pingIntervalMs: 5000,
    serverSilenceMs: 20_000,
    balanceOnSubscribe: false,
    heartbeatNote: 'server sends Ping every 5 s, client answers Pong',
    async prepare(step) {
      step('Requesting a listenKey (POST /openApi/user/auth/userDataStream)...');
      const listenKey = await call('POST');
      if (!listenKey) throw new CtsError('exchange.bad_response', 'BingX sent no listenKey');
      step('listenKey received');
      return {
        url: `${stream}?listenKey=${encodeURIComponent(listenKey)}`,
        safeUrl: `${stream}?listenKey=…`,
        decode: gzipDecoder,
        login: null,
        subscribe: spot
          ? JSON.stringify({ id: SPOT_SUBSCRIBE_ID, reqType: 'sub', dataType: 'ACCOUNT_UPDATE' })
          : null,
        keepAlive: async () => void (await call('PUT', listenKey)),
        release: async () => void (await call('DELETE', listenKey)),
      };
    },
    read(text): StreamEvent {
      if (text === 'Ping') return { kind: 'heartbeat', reply: 'Pong' };
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.id === SPOT_SUBSCRIBE_ID && Number(m.code) === 0)
        return { kind: 'subscribed', detail: 'ACCOUNT_UPDATE' };
      if (m.e === 'ACCOUNT_UPDATE' || m.dataType === 'ACCOUNT_UPDATE')
        return { kind: 'balance', balance: null, detail: 'ACCOUNT_UPDATE' };
      if (m.code !== undefined && Number(m.code) !== 0)
        return { kind: 'error', error: bingxError(Number(m.code), String(m.msg ?? '')) };
      return { kind: 'other' };
    },
    closeError: (info) =>
      /listenKey/i.test(info.reason)
        ? new CtsError('exchange', `BingX closed the stream: ${info.reason} (code ${info.code})`, {
            exchangeCode: info.code,
            retryable: true,
            hint: 'The listenKey is unknown or expired: a new one is requested on reconnect; keep-alive (PUT every 30 min) prevents expiry.',
          })
        : streamClosedError('BingX user data stream', info),
  };
}
