import type { ExchangeId } from '../../exchanges/catalog.ts';
import type { ExchangeRules } from './types.ts';

/**
 * The seed's table ("Bybit: 10 req/sec, 120 req/min, 5 concurrent", …), applied per (exchange, account):
 * every request costs 1 whatever its endpoint.
 */
function seedRules(perSecond: number, perMinute: number, concurrent: number): ExchangeRules {
  return {
    buckets: {
      seed: {
        per: 'account',
        windows: [
          { windowMs: 1000, limit: perSecond },
          { windowMs: 60_000, limit: perMinute },
        ],
        concurrency: concurrent,
        // Our own request counts: the exchanges' usage headers count weight in their own rules.
        feedback: 'none',
      },
    },
    routes: { '': { seed: 1 } },
  };
}

export const SEED_RULES: Record<ExchangeId, ExchangeRules> = {
  bybit: seedRules(10, 120, 5),
  binance: seedRules(10, 1200, 10),
  okx: seedRules(20, 600, 10),
  bingx: seedRules(5, 100, 3),
  pionex: seedRules(5, 100, 3),
  orangex: seedRules(5, 100, 3),
};
