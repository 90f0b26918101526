import type { LimitCharge, LimitRule } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/** Per-endpoint limits (reference §3.3): private per User ID, public per IP; all 2-second windows. */
const RULES: Record<string, LimitRule> = {
  '/api/v5/account/balance': {
    name: 'okx.uid/api/v5/account/balance',
    scope: 'account',
    windowMs: 2000,
    limit: 10,
  },
  '/api/v5/account/config': {
    name: 'okx.uid/api/v5/account/config',
    scope: 'account',
    windowMs: 2000,
    limit: 5,
  },
  '/api/v5/public/time': { name: 'okx.ip/api/v5/public/time', scope: 'ip', windowMs: 2000, limit: 10 },
};

export const OKX_PUBLIC = new Set(['/api/v5/public/time']);

const charges = new Map<string, LimitCharge[]>(
  Object.entries(RULES).map(([p, rule]) => [p, [{ rule, weight: 1 }]]),
);

export function okxCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] =>
    chargesFor(profile, 'okx', OKX_PUBLIC.has(endpoint), scope, () =>
      (charges.get(endpoint) ?? []).filter((c) => c.rule.scope === scope),
    );
}
