import { every } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener, StreamRequest } from '../../ws/stream-types.ts';

/** Ping frames every 3 min, closed without a pong for 10 min (our choice: the reference gives no USDⓈ-M figure). */
export const BINANCE_FUTURES_PING_MS = 180_000;
const PONG_DEADLINE_MS = 600_000;

const keyOf = (request: StreamRequest) => decodeURIComponent(request.url.pathname.split('/').at(-1) ?? '');

/**
 * USDⓈ-M `/private/ws/<listenKey>` (reference §2.6): an unknown or expired key refuses the upgrade (HTTP 400);
 * the stream says nothing until an account event; when the key expires it sends `listenKeyExpired` and closes.
 */
export function openBinanceFuturesStream(deps: StreamDeps): StreamOpener {
  const accountOf = (request: StreamRequest) =>
    deps.listenKeys.resolve(keyOf(request), 'binance', request.environment, deps.clock.now());
  const opener: StreamOpener = (socket, request) => {
    const stop = new AbortController();
    const key = keyOf(request);
    const accountId = accountOf(request)!;
    deps.stats.request('binance', accountId);
    deps.stats.accepted('binance', accountId);
    let lastPong = deps.clock.now();
    every(deps.clock, BINANCE_FUTURES_PING_MS, stop.signal, () => {
      const now = deps.clock.now();
      if (deps.listenKeys.resolve(key, 'binance', request.environment, now) === undefined) {
        socket.send(JSON.stringify({ e: 'listenKeyExpired', E: now, listenKey: key }));
        socket.close(1000, 'listenKey expired');
        return false;
      }
      if (now - lastPong > PONG_DEADLINE_MS) {
        socket.close(1008, 'Pong timeout');
        return false;
      }
      socket.ping();
    });
    return {
      message() {},
      pong() {
        lastPong = deps.clock.now();
      },
      closed: () => stop.abort(),
    };
  };
  opener.refuse = (request) => {
    if (accountOf(request) !== undefined) return undefined;
    deps.stats.request('binance', 'unknown');
    deps.stats.rejected('binance', 'unknown', 'bad_token');
    return 400;
  };
  return opener;
}
