import type { Environment } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { ListenKeyStore } from '../../ws/listen-keys.ts';
import type { SimDeps } from '../deps.ts';
import type { SimContext, SimEnv } from '../http.ts';
import { identifyByKey, runPrivate } from '../pipeline.ts';
import { binanceDialect } from './routes.ts';

export const BINANCE_FUTURES_LISTEN_KEY_PATH = '/fapi/v1/listenKey';

/**
 * USDⓈ-M listenKeys (reference §2.6): POST with only the X-MBX-APIKEY header → `{"listenKey"}` (valid 60 min;
 * one per account: POST again returns the same key, extended), PUT extends it, DELETE closes it; without a
 * live key PUT answers -1125 "This listenKey does not exist." The key needs the futures permission.
 */
export function createBinanceListenKeyRoutes(
  deps: SimDeps,
  listenKeys: ListenKeyStore,
  environment: Environment,
): Hono<SimEnv> {
  const dialect = binanceDialect(deps);
  const app = new Hono<SimEnv>();
  const byAccount = new Map<string, string>();
  const handle = (c: SimContext) =>
    runPrivate(deps, c, dialect, environment, {
      endpoint: BINANCE_FUTURES_LISTEN_KEY_PATH,
      identify: () => identifyByKey(deps, 'binance', c.req.header('x-mbx-apikey')),
      verify: () => ({}),
      allowed: (account) => account.permissions.futures,
      answer: (account, now) => {
        const current = byAccount.get(account.id);
        const live = current !== undefined && listenKeys.extend(current, account.id, now);
        if (c.req.method === 'POST') {
          const key = live ? current : listenKeys.create(account.id, 'binance', environment, now);
          byAccount.set(account.id, key);
          return { status: 200, body: { listenKey: key } };
        }
        if (!live) return { status: 400, body: { code: -1125, msg: 'This listenKey does not exist.' } };
        if (c.req.method === 'DELETE') {
          listenKeys.delete(current, account.id);
          byAccount.delete(account.id);
        }
        return { status: 200, body: {} };
      },
    });
  app.post(BINANCE_FUTURES_LISTEN_KEY_PATH, handle);
  app.put(BINANCE_FUTURES_LISTEN_KEY_PATH, handle);
  app.delete(BINANCE_FUTURES_LISTEN_KEY_PATH, handle);
  return app;
}
