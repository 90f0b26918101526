import type { LaneStats } from './lane.ts';
import type { PlanEntry } from './plan.ts';
import type { BucketScope, Profile } from './rules/types.ts';
import type { ScopeSnapshot } from './store.ts';

export interface WindowUsage {
  windowMs: number;
  limit: number;
  used: number;
  /** used / limit, 0..100. */
  percent: number;
}

/** One scope (bucket × ip or account [× endpoint]). */
export interface ScopeMetrics {
  key: string;
  exchange: string;
  profile: Profile;
  bucket: string;
  per: BucketScope;
  /** The ip or account it is counted per. */
  subject: string;
  endpoint?: string;
  windows: WindowUsage[];
  /** The usage of the tightest (fullest) window, 0..100; 100 while paused. */
  usagePercent: number;
  inFlight: number;
  concurrency?: number;
  /** Epoch ms until which a ban or 429 pauses the scope; 0 when not paused. */
  blockedUntil: number;
  /** How often the scope refused a reservation. */
  refusals: number;
}

/** One queue: (exchange, ip, account). */
export interface QueueMetrics extends LaneStats {
  exchange: string;
  ip: string;
  account: string;
  queued: number;
  averageWaitMs: number;
}

export interface LimiterMetrics {
  at: number;
  scopes: ScopeMetrics[];
  queues: QueueMetrics[];
}

/** Combines a scope's plan entry with the store's snapshot. */
export function scopeMetrics(
  entry: PlanEntry,
  exchange: string,
  snap: ScopeSnapshot,
  refusals: number,
  now: number,
): ScopeMetrics {
  const windows = snap.windows.map((w) => ({
    ...w,
    percent: Math.min(100, Math.max(0, (w.used / w.limit) * 100)),
  }));
  return {
    key: entry.key,
    exchange,
    profile: entry.profile,
    bucket: entry.bucket,
    per: entry.per,
    subject: entry.subject,
    endpoint: entry.endpoint,
    windows,
    // A paused scope (ban, 429) admits nothing: it reads as full.
    usagePercent: snap.blockedUntil > now ? 100 : windows.reduce((max, w) => Math.max(max, w.percent), 0),
    inFlight: snap.inFlight,
    concurrency: entry.rule.concurrency,
    blockedUntil: snap.blockedUntil > now ? snap.blockedUntil : 0,
    refusals,
  };
}
