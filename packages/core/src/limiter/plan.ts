import type { ExchangeId } from '../exchanges/catalog.ts';
import type {
  BucketRule,
  BucketScope,
  ExchangeRules,
  FeedbackScope,
  PenaltyScope,
  Profile,
} from './rules/types.ts';

/** One scope a request counts against, with its cost there. */
export interface PlanEntry {
  /** The store key: profile, exchange, bucket, ip or account, and endpoint for per-endpoint buckets. */
  key: string;
  rule: BucketRule;
  cost: number;
  profile: Profile;
  bucket: string;
  per: BucketScope;
  feedback: FeedbackScope;
  /** The ip or account the scope is counted per. */
  subject: string;
  endpoint?: string;
}

/** Every scope one kind of request (exchange, ip, account, endpoint) counts against. */
export interface Plan {
  exchange: ExchangeId;
  account: string;
  entries: PlanEntry[];
  throttleScope: PenaltyScope;
  banScope: PenaltyScope;
}

/** Bucket weights for `METHOD path`: the longest matching route prefix, then the endpoint's own weights. */
export function weightsFor(rules: ExchangeRules, endpoint: string, path: string): Record<string, number> {
  let best: string | undefined;
  for (const prefix of Object.keys(rules.routes))
    if (path.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  const base = best === undefined ? {} : rules.routes[best]!;
  const own = rules.endpoints?.[endpoint];
  return own ? { ...base, ...own } : base;
}

export function compilePlan(
  request: { exchange: ExchangeId; ip: string; account: string; method: string; path: string },
  profiles: readonly { profile: Profile; rules: ExchangeRules }[],
): Plan {
  const { exchange, ip, account, path } = request;
  const endpoint = `${request.method.toUpperCase()} ${path}`;
  const entries: PlanEntry[] = [];
  let throttleScope: PenaltyScope = 'all';
  let banScope: PenaltyScope = 'all';
  for (const { profile, rules } of profiles) {
    if (profile === 'published' || profiles.length === 1) {
      throttleScope = rules.throttleScope ?? 'all';
      banScope = rules.banScope ?? 'all';
    }
    for (const [bucket, cost] of Object.entries(weightsFor(rules, endpoint, path))) {
      const rule = rules.buckets[bucket];
      if (!rule || !(cost > 0)) continue;
      const subject = rule.per === 'ip' ? ip : account;
      const key = `${profile}|${exchange}|${bucket}|${rule.per}=${subject}${rule.perEndpoint ? `|${endpoint}` : ''}`;
      entries.push({
        key,
        rule,
        cost,
        profile,
        bucket,
        per: rule.per,
        feedback: rule.feedback ?? (rule.perEndpoint ? 'endpoint' : rule.per),
        subject,
        endpoint: rule.perEndpoint ? endpoint : undefined,
      });
    }
  }
  return { exchange, account, entries, throttleScope, banScope };
}
