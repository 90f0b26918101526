import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener, StreamRequest } from '../../ws/stream-types.ts';
import { createStreamRequests } from './ws-stream-requests.ts';

/** Ping frames every 3 min, closed without a pong for 10 min (our choice: the reference gives no USDⓈ-M figure). */
export const BINANCE_FUTURES_PING_MS = 180_000;
const PONG_DEADLINE_MS = 600_000;

/** How a URL names its listenKey (reference 2026 §4): in the path, in the query, or by a later SUBSCRIBE. */
type Form = 'path' | 'query' | 'subscribe';

function parse(url: URL): { form: Form; key?: string; combined: boolean; events?: Set<string> } {
  const path = url.pathname.replace(/^\/[a-z]+(?:-(?:testnet|demo))?/, '');
  const combined = path === '/private/stream';
  const raw = url.searchParams.get('events');
  const events = raw ? new Set(raw.split(/[,/]/).filter(Boolean)) : undefined;
  if (path.startsWith('/private/ws/'))
    return { form: 'path', key: decodeURIComponent(path.slice('/private/ws/'.length)), combined, events };
  const key = url.searchParams.get('listenKey');
  if (key !== null) return { form: 'query', key, combined, events };
  return { form: combined ? 'subscribe' : 'query', combined, events };
}

/**
 * USDⓈ-M user data (reference 2026 §4): `/private/ws/<listenKey>`, `/private/ws?listenKey=…[&events=…]`,
 * `/private/stream?listenKey=…[&events=…]`, and `/private/stream` followed by
 * `{"method":"SUBSCRIBE","params":["<listenKey>"],"id":1}` → `{"result":null,"id":1}`. A listenKey in the URL
 * that is unknown or expired refuses the upgrade (HTTP 400); `/private/stream` events arrive wrapped
 * `{"stream":"<listenKey>","data":…}` like every combined stream. The stream says nothing until an account
 * event; when a key expires it sends `listenKeyExpired` (unless `events=` leaves it out) and drops the key,
 * closing a single-key URL.
 */
export function openBinanceFuturesStream(deps: StreamDeps): StreamOpener {
  const accountOf = (key: string, request: StreamRequest) =>
    deps.listenKeys.resolve(key, 'binance', request.environment, deps.clock.now());
  const opener: StreamOpener = (socket, request) => {
    const stop = new AbortController();
    const url = parse(request.url);
    const keys = new Set<string>();
    if (url.key !== undefined) {
      const accountId = accountOf(url.key, request)!;
      deps.stats.request('binance', accountId);
      deps.stats.accepted('binance', accountId);
      keys.add(url.key);
    }
    const emit = (key: string, event: { e: string }) => {
      if (url.events && !url.events.has(event.e)) return;
      socket.send(JSON.stringify(url.combined ? { stream: key, data: event } : event));
    };
    let lastPong = deps.clock.now();
    every(deps.clock, BINANCE_FUTURES_PING_MS, stop.signal, () => {
      const now = deps.clock.now();
      for (const key of keys)
        if (accountOf(key, request) === undefined) {
          keys.delete(key);
          emit(key, { e: 'listenKeyExpired', E: now, listenKey: key } as { e: string });
          if (url.form !== 'subscribe') {
            socket.close(1000, 'listenKey expired');
            return false;
          }
        }
      if (now - lastPong > PONG_DEADLINE_MS) {
        socket.close(1008, 'Pong timeout');
        return false;
      }
      socket.ping();
    });
    const requests = createStreamRequests(socket, keys, (key) => {
      const accountId = accountOf(key, request);
      deps.stats.request('binance', accountId ?? 'unknown');
      if (accountId) deps.stats.accepted('binance', accountId);
      else deps.stats.rejected('binance', 'unknown', 'bad_token');
      return accountId !== undefined;
    });
    return {
      message: (text) => (url.combined ? requests.message(text) : undefined),
      pong() {
        lastPong = deps.clock.now();
      },
      closed: () => stop.abort(),
    };
  };
  opener.refuse = (request) => {
    const { form, key } = parse(request.url);
    if (form === 'subscribe' || (key && accountOf(key, request) !== undefined)) return undefined;
    deps.stats.request('binance', key ? 'unknown' : 'anonymous');
    deps.stats.rejected('binance', key ? 'unknown' : 'anonymous', key ? 'bad_token' : 'missing_auth');
    return 400;
  };
  return opener;
}

/**
 * USDⓈ-M `/public/stream` and `/market/stream` (the routed market-data paths): connections and
 * SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS are answered, but the simulator has no market data, so nothing
 * is published. They exist because the official futures client opens all three routed paths at once.
 */
export function openBinanceMarketStream(_deps: StreamDeps): StreamOpener {
  return (socket) => {
    const requests = createStreamRequests(socket, new Set(), () => true);
    return { message: (text) => requests.message(text), pong() {}, closed() {} };
  };
}
