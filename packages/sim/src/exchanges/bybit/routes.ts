import { DEFAULT_REGION, type Environment, type Region } from '@cts/core/exchanges';
import { Hono } from 'hono';
import type { SimAccount } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Dialect, Reply } from '../dialect.ts';
import { rawQuery, type SimContext, type SimEnv } from '../http.ts';
import { identifyByKey, runPrivate, runPublic } from '../pipeline.ts';
import { systemStatusHandler } from '../system-status.ts';
import { bybitAccountInfo, bybitQueryApi, bybitWalletBalance } from './balances.ts';
import { bybitEnvelope, bybitMaintenance, bybitReject } from './errors.ts';
import { bybitCharges, bybitUsageHeaders } from './limits.ts';
import { verifyBybit } from './verify.ts';

export function bybitDialect(deps: SimDeps, region: Region = DEFAULT_REGION): Dialect {
  return {
    exchange: 'bybit',
    region,
    reject: bybitReject,
    maintenance: bybitMaintenance,
    charges: bybitCharges(deps.profile),
    usageHeaders: bybitUsageHeaders,
  };
}

type Answer = (account: SimAccount, now: number, query: URLSearchParams) => Reply;

/** Bybit V5 under one environment and region prefix (`/bybit`, `/bybit-testnet`, `/bybit-demo`, `/bybit-eu`). */
export function createBybitRoutes(
  deps: SimDeps,
  environment: Environment,
  region: Region = DEFAULT_REGION,
): Hono<SimEnv> {
  const dialect = bybitDialect(deps, region);
  const app = new Hono<SimEnv>();
  app.get('/v5/system/status', systemStatusHandler(deps, 'bybit'));
  const ok = (result: unknown, now: number): Reply => ({
    status: 200,
    body: bybitEnvelope(0, 'OK', result, now),
  });

  app.get('/v5/market/time', (c) =>
    runPublic(deps, c, dialect, environment, '/v5/market/time', (now) =>
      ok({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }, now),
    ),
  );

  const signedGet = (endpoint: string, needsRead: boolean, answer: Answer) =>
    app.get(endpoint, (c: SimContext) => {
      const query = rawQuery(c.req.url);
      return runPrivate(deps, c, dialect, environment, {
        endpoint,
        identify: () => identifyByKey(deps, 'bybit', c.req.header('x-bapi-api-key')),
        verify: (account, now) =>
          verifyBybit(
            account,
            {
              timestamp: c.req.header('x-bapi-timestamp'),
              recvWindow: c.req.header('x-bapi-recv-window'),
              sign: c.req.header('x-bapi-sign'),
              payload: query,
            },
            now,
          ),
        allowed: (account) => !needsRead || account.permissions.read,
        answer: (account, now) => answer(account, now, new URLSearchParams(query)),
      });
    });

  signedGet('/v5/account/wallet-balance', true, (account, now, q) => {
    if (q.get('accountType') !== 'UNIFIED')
      return { status: 200, body: bybitEnvelope(10001, 'accountType only support UNIFIED.', {}, now) };
    const coins = q.get('coin')?.split(',');
    return ok(bybitWalletBalance(account, coins), now);
  });
  // "Any permission can call" (reference §1.3).
  signedGet('/v5/user/query-api', false, (account, now) => ok(bybitQueryApi(account, now), now));
  signedGet('/v5/account/info', true, (account, now) => ok(bybitAccountInfo(account, now), now));
  return app;
}
