import type { BanPolicy, LimitCharge, LimitRule } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/** Over a limit: HTTP 429 and a 60 s ban, +10 s per further request (reference §5.5). */
const BAN: BanPolicy = { type: 'extend', ms: 60_000, extendMs: 10_000 };
/** All endpoints share 10 weight/s per IP; private endpoints share 10 weight/s per account. */
const IP_RULE: LimitRule = { name: 'pionex.ip', scope: 'ip', windowMs: 1000, limit: 10, ban: BAN };
const ACCOUNT_RULE: LimitRule = {
  name: 'pionex.account',
  scope: 'account',
  windowMs: 1000,
  limit: 10,
  ban: BAN,
};

/** Endpoint weights (reference §5.3); others weigh 1. The simulator serves only the two balance endpoints. */
const WEIGHTS: Record<string, number> = {
  '/api/v1/account/balances': 1,
  '/uapi/v1/account/balances': 5,
  '/uapi/v1/account/detail': 5,
};
const cache = new Map<string, LimitCharge[]>();

export function pionexCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] =>
    chargesFor(profile, 'pionex', false, scope, () => {
      const key = `${scope}|${endpoint}`;
      let charges = cache.get(key);
      if (!charges) {
        charges = [{ rule: scope === 'ip' ? IP_RULE : ACCOUNT_RULE, weight: WEIGHTS[endpoint] ?? 1 }];
        cache.set(key, charges);
      }
      return charges;
    });
}
