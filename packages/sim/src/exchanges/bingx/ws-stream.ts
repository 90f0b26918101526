import { every, gzip } from '../../ws/heartbeat.ts';
import type { StreamDeps } from '../../ws/stream-hub.ts';
import type { StreamOpener } from '../../ws/stream-types.ts';

/** The server sends `Ping` every 5 s (reference §4.6); after this many unanswered it closes (our choice). */
export const BINGX_PING_MS = 5000;
export const BINGX_MAX_MISSED_PONGS = 3;

type Market = 'swap' | 'spot';

/**
 * BingX `/swap-market?listenKey=` and spot `/market?listenKey=` (reference §4.6): the listenKey
 * authenticates; every frame is GZIP; a `Ping` goes out on connect and every 5 s, and the client must answer
 * `Pong` (documented for swap; the spot heartbeat is UNCONFIRMED and simulated the same). An unknown or
 * expired listenKey closes the socket (1008, "listenKey …": BingX's own signal is UNCONFIRMED). Swap pushes
 * account data unasked; spot needs `{"id","reqType":"sub","dataType":"ACCOUNT_UPDATE"}`, answered
 * `{"id","code":0,"msg":"","dataType":"ACCOUNT_UPDATE"}` (reply shape our choice); other subscriptions → 80015.
 */
function openBingx(market: Market) {
  return (deps: StreamDeps): StreamOpener =>
    (socket, request) => {
      const stop = new AbortController();
      let queue = Promise.resolve();
      const send = (text: string) => {
        queue = queue.then(async () => socket.send(await gzip(text)));
      };
      const key = request.url.searchParams.get('listenKey') ?? '';
      const accountId = deps.listenKeys.resolve(key, 'bingx', request.environment, deps.clock.now());
      const account = accountId ? deps.accounts.byId(accountId) : undefined;
      deps.stats.request('bingx', account?.id ?? (key ? 'unknown' : 'anonymous'));
      if (!account) {
        deps.stats.rejected('bingx', key ? 'unknown' : 'anonymous', key ? 'bad_token' : 'missing_auth');
        socket.close(1008, key ? 'listenKey does not exist or has expired' : 'listenKey is required');
        return { message() {}, pong() {}, closed() {} };
      }
      deps.stats.accepted('bingx', account.id);
      let missed = 0;
      const ping = () => {
        if (deps.listenKeys.resolve(key, 'bingx', request.environment, deps.clock.now()) === undefined) {
          socket.close(1008, 'listenKey has expired');
          return false;
        }
        if (missed >= BINGX_MAX_MISSED_PONGS) {
          socket.close(1008, `no Pong to ${missed} Pings`);
          return false;
        }
        missed++;
        send('Ping');
      };
      ping();
      every(deps.clock, BINGX_PING_MS, stop.signal, ping);
      const refuse = (id: unknown, msg: string) => send(JSON.stringify({ id, code: 80015, msg }));
      return {
        message(text) {
          if (text === 'Pong') missed = 0;
          else if (text === 'Ping') return;
          else if (market === 'swap')
            refuse(null, 'unknown message, the listenKey stream needs no subscription');
          else {
            let m: { id?: unknown; reqType?: unknown; dataType?: unknown };
            try {
              m = JSON.parse(text);
            } catch {
              return refuse(null, 'unknown message');
            }
            if (m.reqType === 'sub' && m.dataType === 'ACCOUNT_UPDATE')
              send(JSON.stringify({ id: m.id ?? null, code: 0, msg: '', dataType: 'ACCOUNT_UPDATE' }));
            else refuse(m.id ?? null, `unsupported subscription ${String(m.dataType ?? '')}`.trim());
          }
        },
        pong() {},
        closed: () => stop.abort(),
      };
    };
}

/** BingX USDT-M perpetual private stream (`/swap-market`). */
export const openBingxStream = openBingx('swap');
/** BingX spot private stream (`/market`, `ACCOUNT_UPDATE` subscription). */
export const openBingxSpotStream = openBingx('spot');
