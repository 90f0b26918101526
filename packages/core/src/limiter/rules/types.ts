import type { ExchangeId } from '../../exchanges/catalog.ts';

/** At most `limit` cost in any `windowMs` span (a sliding window: no double burst at window edges). */
export interface WindowLimit {
  windowMs: number;
  limit: number;
}

/** What a bucket is counted per. */
export type BucketScope = 'ip' | 'account';

/** Which usage reports (RateLimitUsage.scope) feed a bucket; 'none' for counts the exchange does not report. */
export type FeedbackScope = 'ip' | 'account' | 'endpoint' | 'none';

/**
 * One counter set: windows, an optional concurrency cap, keyed by (exchange, ip) or (exchange, account),
 * and optionally one per endpoint.
 */
export interface BucketRule {
  /** Counted per egress IP or per account (connection). */
  per: BucketScope;
  windows: WindowLimit[];
  /** Requests in flight at once. @default unlimited */
  concurrency?: number;
  /** One bucket per `METHOD path` (same rule, separate counts). @default false */
  perEndpoint?: boolean;
  /** Which usage reports raise this bucket's count. @default `per`, or 'endpoint' when perEndpoint */
  feedback?: FeedbackScope;
}

/** Weights per bucket name. A weight of 0 removes the bucket for that request. */
export type Weights = Record<string, number>;

/** Which buckets a 429 or a ban pauses: those counted per IP, per account, or all of the request's. */
export type PenaltyScope = 'ip' | 'account' | 'all';

/** One exchange's rules in one profile. */
export interface ExchangeRules {
  buckets: Record<string, BucketRule>;
  /** Default weights by path prefix; the longest matching prefix wins (`''` matches everything). */
  routes: Record<string, Weights>;
  /** Weights per `METHOD path` (OrangeX: the JSON-RPC method as path), merged over the route's. */
  endpoints?: Record<string, Weights>;
  /** What a 429 (rate limited) pauses. @default 'all' */
  throttleScope?: PenaltyScope;
  /** What a ban (418, bannedUntil) pauses. @default 'all' */
  banScope?: PenaltyScope;
}

export type RuleSet = Partial<Record<ExchangeId, ExchangeRules>>;

export type Profile = 'seed' | 'published';
export const PROFILES: readonly Profile[] = ['seed', 'published'];

/**
 * A change to one exchange's rules: buckets replaced by name (`null` removes one), routes and endpoints merged
 * by key, penalty scopes replaced.
 */
export interface ExchangeRulesPatch {
  buckets?: Record<string, BucketRule | null>;
  routes?: Record<string, Weights>;
  endpoints?: Record<string, Weights>;
  throttleScope?: PenaltyScope;
  banScope?: PenaltyScope;
}

/** Overrides per profile and exchange. `false` switches a profile off for that exchange. */
export type RulesOverride = Partial<Record<Profile, Partial<Record<ExchangeId, ExchangeRulesPatch | false>>>>;
