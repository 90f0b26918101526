import { CtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { createBinanceReader } from './reader.ts';

export const BINANCE_FUTURES_LISTEN_KEY_PATH = '/fapi/v1/listenKey';

/**
 * Binance USDⓈ-M user data (reference §2.6): `POST /fapi/v1/listenKey` with only the X-MBX-APIKEY header
 * (valid 60 min; PUT keeps it alive, DELETE closes it), then `wss://fstream.binance.com/private/ws?listenKey=<key>`
 * (the first form of the 2026 Base URL split notice, reference 2026 §4; the older `/private/ws/<listenKey>`
 * still works). The key in the query never reaches a log or error message (URLs there lose their query).
 * The server sends nothing until an account event (`ACCOUNT_UPDATE`), so an open socket confirms the key;
 * `listenKeyExpired` ends the stream. Heartbeats are protocol-level pings the WebSocket answers itself.
 */
export function createBinanceFuturesStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const rest = restBaseUrl('binance', o.environment, 'futures', o.baseUrl);
  const reader = createBinanceReader(o.clock);
  // USDⓈ-M keeps one listenKey per account: PUT and DELETE take no parameters.
  const call = async (method: 'POST' | 'PUT' | 'DELETE') => {
    const json = await send(
      method === 'POST' ? ctx.http : { ...ctx.http, maxRetries: 0 },
      { method, path: BINANCE_FUTURES_LISTEN_KEY_PATH },
      async () => ({
        method,
        url: `${rest}${BINANCE_FUTURES_LISTEN_KEY_PATH}`,
        headers: { 'X-MBX-APIKEY': o.credentials.apiKey },
        path: BINANCE_FUTURES_LISTEN_KEY_PATH,
      }),
      reader,
    );
    return (json as { listenKey?: unknown } | null)?.listenKey;
  };
  const base = wsBaseUrl('binance', o.environment, 'futures', o.baseUrl);
  return {
    label: 'Binance USDⓈ-M user data stream',
    ping: null,
    pingIntervalMs: 180_000,
    serverSilenceMs: null,
    balanceOnSubscribe: false,
    heartbeatNote: 'the server pings at the protocol level and the WebSocket answers by itself',
    async prepare(step) {
      step(`Requesting a listenKey (POST ${BINANCE_FUTURES_LISTEN_KEY_PATH})...`);
      const listenKey = await call('POST');
      if (typeof listenKey !== 'string' || listenKey === '')
        throw new CtsError('exchange.bad_response', 'Binance sent no listenKey');
      step('listenKey received');
      return {
        url: `${base}/private/ws?listenKey=${encodeURIComponent(listenKey)}`,
        safeUrl: `${base}/private/ws?listenKey=…`,
        login: null,
        subscribe: null,
        confirmedOnOpen: true,
        keepAlive: async () => void (await call('PUT')),
        release: async () => void (await call('DELETE')),
      };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.e === 'listenKeyExpired')
        return {
          kind: 'error',
          error: new CtsError('exchange', 'Binance: the listenKey expired (listenKeyExpired)', {
            retryable: true,
            hint: 'The listenKey was not kept alive: a new one is requested on reconnect; keep-alive (PUT every 30 min) prevents expiry.',
          }),
        };
      if (m.e === 'ACCOUNT_UPDATE') return { kind: 'balance', balance: null, detail: 'ACCOUNT_UPDATE' };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Binance USDⓈ-M user data stream', info),
  };
}
