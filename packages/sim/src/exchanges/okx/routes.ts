import { DEFAULT_REGION, type Environment, type Region } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { SimAccount } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Dialect } from '../dialect.ts';
import { rawQuery, type SimContext, type SimEnv } from '../http.ts';
import { identifyByKey, runPrivate, runPublic } from '../pipeline.ts';
import { systemStatusHandler } from '../system-status.ts';
import { okxBalance, okxConfig } from './balances.ts';
import { okxMaintenance, okxReject } from './errors.ts';
import { okxCharges } from './limits.ts';
import { verifyOkx } from './verify.ts';

export function okxDialect(deps: SimDeps, region: Region = DEFAULT_REGION): Dialect {
  return {
    exchange: 'okx',
    region,
    reject: okxReject,
    maintenance: okxMaintenance,
    charges: okxCharges(deps.profile),
    usageHeaders: () => {},
  };
}

/** Live or demo: OKX serves both from one host; `x-simulated-trading: 1` selects demo (reference §3.1). */
function environmentOf(c: SimContext): Environment {
  return c.req.header('x-simulated-trading') === '1' ? 'demo' : 'mainnet';
}

/** OKX V5 under `/okx`, `/okx-eea`, `/okx-us` (both environments; each entity its own key space). */
export function createOkxRoutes(deps: SimDeps, region: Region = DEFAULT_REGION): Hono<SimEnv> {
  const dialect = okxDialect(deps, region);
  const app = new Hono<SimEnv>();
  app.get('/api/v5/system/status', systemStatusHandler(deps, 'okx'));
  const ok = (data: unknown[]) => ({ status: 200, body: { code: '0', msg: '', data } });

  app.get('/api/v5/public/time', (c) =>
    runPublic(deps, c, dialect, environmentOf(c), '/api/v5/public/time', (now) => ok([{ ts: String(now) }])),
  );

  const signedGet = (
    endpoint: string,
    answer: (a: SimAccount, now: number, q: URLSearchParams) => unknown[],
  ) =>
    app.get(endpoint, async (c: SimContext) => {
      const query = rawQuery(c.req.url);
      const body = c.req.method === 'GET' ? '' : await c.req.text();
      return runPrivate(deps, c, dialect, environmentOf(c), {
        endpoint,
        identify: () => identifyByKey(deps, 'okx', c.req.header('ok-access-key')),
        verify: (account, now) =>
          verifyOkx(
            account,
            {
              timestamp: c.req.header('ok-access-timestamp'),
              sign: c.req.header('ok-access-sign'),
              passphrase: c.req.header('ok-access-passphrase'),
              method: c.req.method,
              requestPath: query ? `${endpoint}?${query}` : endpoint,
              body,
            },
            now,
          ),
        allowed: (account) => account.permissions.read,
        answer: (account, now) => ok(answer(account, now, new URLSearchParams(query))),
      });
    });

  signedGet('/api/v5/account/balance', (a, now, q) => [okxBalance(a, now, q.get('ccy')?.split(','))]);
  signedGet('/api/v5/account/config', (a) => [okxConfig(a)]);
  return app;
}
