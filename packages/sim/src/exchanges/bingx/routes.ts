import type { Environment } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { SimAccount } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Dialect } from '../dialect.ts';
import { rawQuery, type SimContext, type SimEnv } from '../http.ts';
import { identifyByKey, runPrivate, runPublic } from '../pipeline.ts';
import { bingxApiPermissions, bingxSpotBalance, bingxSwapBalanceV2, bingxSwapBalanceV3 } from './balances.ts';
import { bingxMaintenance, bingxReject } from './errors.ts';
import { bingxCharges, bingxUsageHeaders } from './limits.ts';
import { verifyBingx } from './verify.ts';

/** The simulator prefix suffix standing for BingX's fallback host (`/bingx` → `/bingx-fallback`). */
export const BINGX_FALLBACK_SUFFIX = '-fallback';

export function bingxDialect(deps: SimDeps): Dialect {
  return {
    exchange: 'bingx',
    reject: bingxReject,
    maintenance: bingxMaintenance,
    charges: bingxCharges(deps.profile),
    usageHeaders: bingxUsageHeaders,
  };
}

/**
 * BingX (swap v2/v3, spot v1, account) under `/bingx` or `/bingx-demo` (VST), and the same API under the
 * fallback hosts' prefixes `/bingx-fallback` (`open-api.bingx.pro`) and `/bingx-demo-fallback`
 * (`open-api-vst.bingx.pro`) — reference 2026 §7; one account store and one set of limits behind both.
 */
export function createBingxRoutes(deps: SimDeps, environment: Environment): Hono<SimEnv> {
  const dialect = bingxDialect(deps);
  const app = new Hono<SimEnv>();
  const ok = (data: unknown, now: number) => ({
    status: 200,
    body: { code: 0, msg: '', timestamp: now, data },
  });

  // Server time: v2 (reference §4.3) and v1 (reference 2026 §7).
  for (const endpoint of ['/openApi/swap/v2/server/time', '/openApi/swap/v1/server/time'])
    app.get(endpoint, (c) =>
      runPublic(deps, c, dialect, environment, endpoint, (now) => ({
        status: 200,
        body: { code: 0, msg: '', data: { serverTime: now } },
      })),
    );

  const signedGet = (endpoint: string, answer: (a: SimAccount) => unknown, needsRead = true) =>
    app.get(endpoint, async (c: SimContext) => {
      const query = rawQuery(c.req.url);
      const body = c.req.method === 'GET' ? '' : await c.req.text();
      return runPrivate(deps, c, dialect, environment, {
        endpoint,
        identify: () => identifyByKey(deps, 'bingx', c.req.header('x-bx-apikey')),
        verify: (account, now) => verifyBingx(account, query, body, now),
        allowed: (account) => !needsRead || account.permissions.read,
        answer: (account, now) => ok(answer(account), now),
      });
    });

  signedGet('/openApi/swap/v3/user/balance', bingxSwapBalanceV3);
  signedGet('/openApi/swap/v2/user/balance', bingxSwapBalanceV2);
  signedGet('/openApi/spot/v1/account/balance', bingxSpotBalance);
  signedGet('/openApi/v1/account/apiPermissions', bingxApiPermissions, false);
  return app;
}
