import type { Environment } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { SimAccount, SimPermissions } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Dialect } from '../dialect.ts';
import { rawQuery, type SimContext, type SimEnv, toResponse } from '../http.ts';
import { identifyByKey, runPrivate, runPublic } from '../pipeline.ts';
import { systemStatusHandler } from '../system-status.ts';
import { binanceApiRestrictions, binanceMarginAccount, binanceSpotAccount } from './balances.ts';
import { binanceMaintenance, binanceReject } from './errors.ts';
import { binanceFuturesAccount, binanceFuturesBalance } from './futures.ts';
import { binanceCharges, binanceUsageHeaders } from './limits.ts';
import { verifyBinance } from './verify.ts';

export function binanceDialect(deps: SimDeps): Dialect {
  return {
    exchange: 'binance',
    reject: binanceReject,
    maintenance: binanceMaintenance,
    charges: binanceCharges(deps.profile),
    usageHeaders: binanceUsageHeaders,
  };
}

type Needs = (keyof SimPermissions)[];

/**
 * Spot's optional `X-MBX-TIME-UNIT` header (rest-api.md; reference 2026 §4): `MILLISECOND`/`millisecond`
 * (the default) or `MICROSECOND`/`microsecond` → the factor time fields are multiplied by; another value →
 * undefined, refused 400 -1100 (the reply is our choice: UNCONFIRMED).
 */
export function timeUnit(header: string | undefined): number | undefined {
  if (header === undefined || header === 'MILLISECOND' || header === 'millisecond') return 1;
  if (header === 'MICROSECOND' || header === 'microsecond') return 1000;
  return undefined;
}
const TIME_UNIT_REFUSED = {
  status: 400,
  body: { code: -1100, msg: "Illegal characters found in parameter 'X-MBX-TIME-UNIT'." },
};

/**
 * Binance spot (/api), USDⓈ-M futures (/fapi) and SAPI (/sapi) under one environment prefix: their real
 * hosts differ but their paths do not collide.
 */
export function createBinanceRoutes(deps: SimDeps, environment: Environment): Hono<SimEnv> {
  const dialect = binanceDialect(deps);
  const app = new Hono<SimEnv>();
  app.get('/sapi/v1/system/status', systemStatusHandler(deps, 'binance'));

  // `/api/v1/*` was retired on 2026-03-25 (reference 2026 §4): Binance's plain 404 page, like any unknown path.
  app.all('/api/v1/*', (c) =>
    toResponse(
      binanceReject('not_found', { ip: '', now: deps.clock.now(), endpoint: c.req.path, environment }),
      {},
    ),
  );

  for (const endpoint of ['/api/v3/time', '/fapi/v1/time'])
    app.get(endpoint, (c) =>
      runPublic(deps, c, dialect, environment, endpoint, (now) => {
        const unit = endpoint.startsWith('/api/') ? timeUnit(c.req.header('x-mbx-time-unit')) : 1;
        return unit === undefined ? TIME_UNIT_REFUSED : { status: 200, body: { serverTime: now * unit } };
      }),
    );

  const signedGet = (
    endpoint: string,
    needs: Needs,
    answer: (account: SimAccount, now: number, query: URLSearchParams, unit: number) => unknown,
  ) =>
    app.get(endpoint, async (c: SimContext) => {
      const query = rawQuery(c.req.url);
      const body = c.req.method === 'GET' ? '' : await c.req.text();
      return runPrivate(deps, c, dialect, environment, {
        endpoint,
        identify: () => identifyByKey(deps, 'binance', c.req.header('x-mbx-apikey')),
        verify: (account, now) => verifyBinance(account, query, body, now),
        allowed: (account) => needs.every((p) => account.permissions[p]),
        answer: (account, now) => {
          const unit = endpoint.startsWith('/api/') ? timeUnit(c.req.header('x-mbx-time-unit')) : 1;
          if (unit === undefined) return TIME_UNIT_REFUSED;
          return { status: 200, body: answer(account, now, new URLSearchParams(query), unit) };
        },
      });
    });

  signedGet('/api/v3/account', ['read'], (a, now, q, unit) =>
    binanceSpotAccount(a, now * unit, q.get('omitZeroBalances') === 'true'),
  );
  signedGet('/fapi/v3/balance', ['read', 'futures'], (a, now) => binanceFuturesBalance(a, now));
  signedGet('/fapi/v2/balance', ['read', 'futures'], (a, now) => binanceFuturesBalance(a, now));
  signedGet('/fapi/v3/account', ['read', 'futures'], (a, now) => binanceFuturesAccount(a, now, false));
  signedGet('/fapi/v2/account', ['read', 'futures'], (a, now) => binanceFuturesAccount(a, now, true));
  signedGet('/sapi/v1/margin/account', ['read', 'margin'], (a) => binanceMarginAccount(a));
  signedGet('/sapi/v1/account/apiRestrictions', [], (a) => binanceApiRestrictions(a));
  return app;
}
