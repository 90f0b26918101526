import type { ExchangeId } from '@cts/core/exchanges';
import type { LimitCharge, LimitRule } from './rules.ts';

/** Which limits the simulator enforces: the exchanges' published rules, or the seed's table. */
export type LimitProfile = 'published' | 'seed';

/** The seed's table: requests per second and per minute, per exchange. */
export const SEED_LIMITS: Record<ExchangeId, { perSecond: number; perMinute: number }> = {
  bybit: { perSecond: 10, perMinute: 120 },
  binance: { perSecond: 10, perMinute: 1200 },
  okx: { perSecond: 20, perMinute: 600 },
  bingx: { perSecond: 5, perMinute: 100 },
  pionex: { perSecond: 5, perMinute: 100 },
  orangex: { perSecond: 5, perMinute: 100 },
};

const cache = new Map<string, LimitCharge[]>();

/**
 * The seed profile's charges: weight 1 under a per-second and a per-minute window, per account for signed
 * requests and per IP for public ones.
 */
export function seedCharges(exchange: ExchangeId, scope: 'ip' | 'account'): LimitCharge[] {
  const key = `${exchange}|${scope}`;
  let charges = cache.get(key);
  if (!charges) {
    const { perSecond, perMinute } = SEED_LIMITS[exchange];
    const rules: LimitRule[] = [
      { name: `${exchange}.seed.${scope}.1s`, scope, windowMs: 1000, limit: perSecond },
      { name: `${exchange}.seed.${scope}.1m`, scope, windowMs: 60_000, limit: perMinute },
    ];
    charges = rules.map((rule) => ({ rule, weight: 1 }));
    cache.set(key, charges);
  }
  return charges;
}
