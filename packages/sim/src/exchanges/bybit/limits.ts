import type { LimitCharge, LimitRule, Usage } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/** 600 requests / 5 s per IP; over it: HTTP 403 and a 10-minute wait (reference §1.5). */
const IP_RULE: LimitRule = {
  name: 'bybit.ip',
  scope: 'ip',
  windowMs: 5000,
  limit: 600,
  ban: { type: 'fixed', ms: 600_000 },
};

/** Per-UID, per-endpoint, rolling per-second limits (reference §1.5). */
const UID_LIMITS: Record<string, number> = {
  '/v5/account/wallet-balance': 50,
  '/v5/user/query-api': 10,
  '/v5/account/info': 50,
};

const ipCharges: LimitCharge[] = [{ rule: IP_RULE, weight: 1 }];
const uidCharges = new Map<string, LimitCharge[]>(
  Object.entries(UID_LIMITS).map(([path, limit]) => [
    path,
    [{ rule: { name: `bybit.uid${path}`, scope: 'account', windowMs: 1000, limit }, weight: 1 }],
  ]),
);

export const BYBIT_PUBLIC = new Set(['/v5/market/time']);

export function bybitCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] =>
    chargesFor(profile, 'bybit', BYBIT_PUBLIC.has(endpoint), scope, () =>
      scope === 'ip' ? ipCharges : (uidCharges.get(endpoint) ?? []),
    );
}

/** X-Bapi-Limit / -Status / -Reset-Timestamp for the account-scoped rule (reference §1.5). */
export function bybitUsageHeaders(usage: readonly Usage[], headers: Record<string, string>): void {
  const u =
    usage.find((x) => x.rule.scope === 'account' && x.rule.windowMs === 1000) ??
    usage.find((x) => x.rule.scope === 'account');
  if (!u) return;
  headers['X-Bapi-Limit'] = String(u.rule.limit);
  headers['X-Bapi-Limit-Status'] = String(u.remaining);
  headers['X-Bapi-Limit-Reset-Timestamp'] = String(u.resetAt);
}
