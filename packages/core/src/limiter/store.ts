import type { BucketRule } from './rules/types.ts';

/** A value, or a promise of it: the memory store answers synchronously, a remote store asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The outcome of a reservation. Refused: `retryAt` is the earliest epoch ms at which the same cost can fit
 * (strictly after `now`), or null when only a release (concurrency) can make room.
 */
export type Reservation = { ok: true; id: number } | { ok: false; retryAt: number | null };

/** What the exchange told us about one scope, normalized by the limiter. */
export interface ScopeFeedback {
  /** Refuse everything until this epoch ms (a ban, Retry-After). */
  blockUntil?: number;
  /** The exchange counts `used` in the window of `windowMs`: raise our count to at least that. */
  usage?: { windowMs: number; used: number }[];
  /**
   * The request holding reservation `id` (of `cost`) ended now. The exchange counted it at some moment between
   * our permit and its reply, so its cost counts from now on: the reservation's entry moves to `now`.
   */
  ended?: { id: number; cost: number };
}

export interface ScopeSnapshot {
  windows: { windowMs: number; limit: number; used: number }[];
  inFlight: number;
  /** Epoch ms until which the scope is paused, or 0. */
  blockedUntil: number;
}

/**
 * Where limiter state lives. Each call concerns one scope (`key`) and carries the scope's rule. Per scope,
 * `reserve` is an atomic check-and-add, so several processes sharing a store never admit more than a rule
 * allows. Implementations: MemoryLimiterStore (here), DurableObjectLimiterStore (the Worker); both pass the
 * contract suite in @cts/testkit (`limiterStoreContract`).
 */
export interface LimiterStore {
  /** True when every method returns plain values, never promises (enables the limiter's fast path). @default false */
  readonly synchronous?: boolean;
  /**
   * True when an `applyFeedback` carrying only `ended` costs no round trip of its own (the store batches it onto
   * its next call for the scope, or a short timer). The limiter then reports every request's end to this store as
   * it does to a synchronous one. @default false (ends are reported to synchronous stores only)
   */
  readonly batchesEnded?: boolean;
  /**
   * Admits `cost` in every window of `rule` and one concurrency slot (when the rule caps concurrency), or
   * refuses. Throws a RangeError when `cost` exceeds a window's limit (it could never fit).
   */
  reserve(key: string, rule: BucketRule, cost: number, now: number): MaybePromise<Reservation>;
  /** Frees the reservation's concurrency slot; its cost stays in the windows. Idempotent. */
  release(key: string, id: number): MaybePromise<void>;
  /** Undoes a reservation entirely (cost and slot), when another scope of the same request refused. Idempotent. */
  cancel(key: string, id: number): MaybePromise<void>;
  applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): MaybePromise<void>;
  snapshot(key: string, rule: BucketRule, now: number): MaybePromise<ScopeSnapshot>;
}

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
