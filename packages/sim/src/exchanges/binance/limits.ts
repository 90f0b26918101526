import type { BanPolicy, LimitCharge, LimitRule, Usage } from '../../limits/rules.ts';
import type { LimitProfile } from '../../limits/seed-profile.ts';
import { chargesFor } from '../shared.ts';

/** 418 after repeated 429s: 5 rejected requests in a row, then 2 minutes doubling up to 3 days (reference §2.4). */
export const BINANCE_BAN: BanPolicy = {
  type: 'escalate',
  strikes: 5,
  baseMs: 120_000,
  maxMs: 3 * 86_400_000,
};

/** Spot `/api/*`: 6,000 weight per minute per IP (reference §2.5). */
const API_RULE: LimitRule = {
  name: 'binance.api.ip',
  scope: 'ip',
  windowMs: 60_000,
  limit: 6000,
  ban: BINANCE_BAN,
};
/** Spot `/api/*` RAW_REQUESTS: 300,000 requests per 5 minutes per IP, whatever their weight (2026 §4, from 2026-04-02). */
const RAW_RULE: LimitRule = {
  name: 'binance.api.raw',
  scope: 'ip',
  windowMs: 300_000,
  limit: 300_000,
  ban: BINANCE_BAN,
};
/** USDⓈ-M `/fapi/*`: 2,400 weight per minute per IP. */
const FAPI_RULE: LimitRule = {
  name: 'binance.fapi.ip',
  scope: 'ip',
  windowMs: 60_000,
  limit: 2400,
  ban: BINANCE_BAN,
};

/** Endpoint weights (reference §2.3). SAPI weights are IP weights, each endpoint with its own 12,000/min. */
const WEIGHTS: Record<string, number> = {
  '/api/v3/time': 1,
  '/api/v3/account': 20,
  '/fapi/v1/time': 1,
  '/fapi/v3/balance': 5,
  '/fapi/v2/balance': 5,
  '/fapi/v3/account': 5,
  '/fapi/v2/account': 5,
  '/sapi/v1/margin/account': 10,
  '/sapi/v1/account/apiRestrictions': 1,
};

export const BINANCE_PUBLIC = new Set(['/api/v3/time', '/fapi/v1/time']);

const cache = new Map<string, LimitCharge[]>();

function published(endpoint: string, scope: 'ip' | 'account'): LimitCharge[] {
  if (scope === 'account') return [];
  let charges = cache.get(endpoint);
  if (!charges) {
    const weight = WEIGHTS[endpoint] ?? 1;
    if (endpoint.startsWith('/sapi/')) {
      const rule: LimitRule = {
        name: `binance.sapi.ip${endpoint}`,
        scope: 'ip',
        windowMs: 60_000,
        limit: 12_000,
      };
      charges = [{ rule, weight }];
    } else if (endpoint.startsWith('/fapi/')) charges = [{ rule: FAPI_RULE, weight }];
    else
      charges = [
        { rule: API_RULE, weight },
        { rule: RAW_RULE, weight: 1 },
      ];
    cache.set(endpoint, charges);
  }
  return charges;
}

export function binanceCharges(profile: LimitProfile) {
  return (endpoint: string, scope: 'ip' | 'account'): readonly LimitCharge[] =>
    chargesFor(profile, 'binance', BINANCE_PUBLIC.has(endpoint), scope, () => published(endpoint, scope));
}

/** X-MBX-USED-WEIGHT-1M on /api and /fapi; X-SAPI-USED-IP-WEIGHT-1M / -UID- on /sapi. */
export function binanceUsageHeaders(usage: readonly Usage[], headers: Record<string, string>): void {
  for (const u of usage) {
    if (u.rule.windowMs !== 60_000) continue;
    if (u.rule.name.startsWith('binance.sapi'))
      headers[u.rule.scope === 'ip' ? 'X-SAPI-USED-IP-WEIGHT-1M' : 'X-SAPI-USED-UID-WEIGHT-1M'] = String(
        u.used,
      );
    else headers['X-MBX-USED-WEIGHT-1M'] = String(u.used);
  }
}
