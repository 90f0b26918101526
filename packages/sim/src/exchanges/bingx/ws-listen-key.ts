import type { Environment } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { ListenKeyStore } from '../../ws/listen-keys.ts';
import type { SimDeps } from '../deps.ts';
import type { SimContext, SimEnv } from '../http.ts';
import { identifyByKey, runPrivate } from '../pipeline.ts';
import { bingxDialect } from './routes.ts';

export const BINGX_LISTEN_KEY_PATH = '/openApi/user/auth/userDataStream';

/**
 * BingX listenKeys (reference §4.6): POST with only the X-BX-APIKEY header → `{"listenKey": …}` (valid 1 h),
 * PUT `?listenKey=` extends it by 60 min, DELETE closes it; an unknown key answers HTTP 404.
 */
export function createBingxListenKeyRoutes(
  deps: SimDeps,
  listenKeys: ListenKeyStore,
  environment: Environment,
): Hono<SimEnv> {
  const dialect = bingxDialect(deps);
  const app = new Hono<SimEnv>();
  const handle = (c: SimContext) =>
    runPrivate(deps, c, dialect, environment, {
      endpoint: BINGX_LISTEN_KEY_PATH,
      identify: () => identifyByKey(deps, 'bingx', c.req.header('x-bx-apikey')),
      verify: () => ({}),
      allowed: () => true,
      answer: (account, now) => {
        if (c.req.method === 'POST')
          return {
            status: 200,
            body: { listenKey: listenKeys.create(account.id, 'bingx', environment, now) },
          };
        const key = c.req.query('listenKey') ?? '';
        const done =
          c.req.method === 'PUT'
            ? listenKeys.extend(key, account.id, now)
            : listenKeys.delete(key, account.id);
        return done
          ? { status: 200, body: {} }
          : { status: 404, body: { code: 404, msg: 'listenKey does not exist' } };
      },
    });
  app.post(BINGX_LISTEN_KEY_PATH, handle);
  app.put(BINGX_LISTEN_KEY_PATH, handle);
  app.delete(BINGX_LISTEN_KEY_PATH, handle);
  return app;
}
