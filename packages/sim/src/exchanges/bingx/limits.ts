import type { LimitCharge, LimitRule, Usage } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/**
 * Reference §4.3/§4.5: account endpoints 5/s per UID per endpoint (over it: restricted for 5 minutes);
 * IP groups: market (group 1) 500/10 s and 1000/min per IP; account (groups 2-3) 2000/10 s per IP in
 * total and 300/10 s per endpoint per IP.
 */
const UID_RULE: LimitRule = {
  name: 'bingx.uid',
  scope: 'account',
  windowMs: 1000,
  limit: 5,
  perEndpoint: true,
  ban: { type: 'fixed', ms: 300_000 },
};
const MARKET: LimitCharge[] = [
  { rule: { name: 'bingx.ip.g1.10s', scope: 'ip', windowMs: 10_000, limit: 500 }, weight: 1 },
  { rule: { name: 'bingx.ip.g1.1m', scope: 'ip', windowMs: 60_000, limit: 1000 }, weight: 1 },
];
const ACCOUNT_IP: LimitCharge[] = [
  { rule: { name: 'bingx.ip.account', scope: 'ip', windowMs: 10_000, limit: 2000 }, weight: 1 },
  {
    rule: { name: 'bingx.ip.endpoint', scope: 'ip', windowMs: 10_000, limit: 300, perEndpoint: true },
    weight: 1,
  },
];
const UID: LimitCharge[] = [{ rule: UID_RULE, weight: 1 }];

export const BINGX_PUBLIC = new Set(['/openApi/swap/v2/server/time']);

export function bingxCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] =>
    chargesFor(profile, 'bingx', BINGX_PUBLIC.has(endpoint), scope, () => {
      if (BINGX_PUBLIC.has(endpoint)) return scope === 'ip' ? MARKET : [];
      return scope === 'ip' ? ACCOUNT_IP : UID;
    });
}

/** X-RateLimit-Requests-Remain and -Expire (ms until the window frees a slot) for the per-UID rule. */
export function bingxUsageHeaders(usage: readonly Usage[], headers: Record<string, string>): void {
  const u = usage.find((x) => x.rule.scope === 'account');
  if (!u) return;
  headers['X-RateLimit-Requests-Remain'] = String(u.remaining);
  headers['X-RateLimit-Requests-Expire'] = String(u.rule.windowMs);
}
