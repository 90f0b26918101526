import { Hono } from 'hono';
import { dec, type SimAccount, walletOf } from '../../accounts/account.ts';
import type { SimDeps } from '../deps.ts';
import type { Dialect } from '../dialect.ts';
import { rawQuery, type SimContext, type SimEnv } from '../http.ts';
import { identifyByKey, runPrivate } from '../pipeline.ts';
import { pionexMaintenance, pionexReject } from './errors.ts';
import { pionexCharges } from './limits.ts';
import { verifyPionex } from './verify.ts';

export function pionexDialect(deps: SimDeps): Dialect {
  return {
    exchange: 'pionex',
    reject: pionexReject,
    maintenance: pionexMaintenance,
    charges: pionexCharges(deps.profile),
    usageHeaders: () => {},
  };
}

/** Spot trading account: `data.balances[]` of `{coin, free, frozen}` (reference §5.3). */
function spotBalances(account: SimAccount): unknown {
  return {
    balances: Object.entries(walletOf(account, 'spot')).map(([coin, a]) => ({
      coin,
      free: dec(a.free),
      frozen: dec(a.locked),
    })),
  };
}

/** Futures (Beta): cross `balances[]` with `debts`, and `isolates[]` (reference §5.3). */
export function futuresBalances(account: SimAccount): unknown {
  return {
    balances: Object.entries(walletOf(account, 'futures')).map(([coin, a]) => ({
      coin,
      free: dec(a.free),
      frozen: dec(a.locked),
      debts: '0',
    })),
    isolates: [],
  };
}

/** Pionex under `/pionex` (mainnet only). Every reply carries `timestamp` (ms), the only server time. */
export function createPionexRoutes(deps: SimDeps): Hono<SimEnv> {
  const dialect = pionexDialect(deps);
  const app = new Hono<SimEnv>();

  const signedGet = (endpoint: string, answer: (a: SimAccount) => unknown) =>
    app.get(endpoint, async (c: SimContext) => {
      const query = rawQuery(c.req.url);
      const body = c.req.method === 'GET' ? '' : await c.req.text();
      return runPrivate(deps, c, dialect, 'mainnet', {
        endpoint,
        identify: () => identifyByKey(deps, 'pionex', c.req.header('pionex-key')),
        verify: (account, now) =>
          verifyPionex(
            account,
            {
              method: c.req.method,
              path: endpoint,
              query,
              body,
              signature: c.req.header('pionex-signature'),
            },
            now,
          ),
        allowed: (account) => account.permissions.read,
        answer: (account, now) => ({
          status: 200,
          body: { result: true, data: answer(account), timestamp: now },
        }),
      });
    });

  signedGet('/api/v1/account/balances', spotBalances);
  signedGet('/uapi/v1/account/balances', futuresBalances);
  return app;
}
