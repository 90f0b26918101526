import type { BucketRule } from './rules/types.ts';
import { SlidingLog } from './sliding-log.ts';
import type { LimiterStore, Reservation, ScopeFeedback, ScopeSnapshot } from './store.ts';

export interface MemoryLimiterStoreOptions {
  /**
   * Called once per scope, when it is first used: a log rebuilt from saved state (PersistedLimiterStore), or
   * undefined for an empty one. @default every scope starts empty
   */
  restore?: (key: string, rule: BucketRule, now: number) => SlidingLog | undefined;
}

/**
 * The in-process LimiterStore: a sliding log per scope, answered synchronously (no I/O, no promises on the
 * hot path). State lives as long as the store.
 *
 * @example
 * const limiter = new RateLimiter({ store: new MemoryLimiterStore() });
 */
export class MemoryLimiterStore implements LimiterStore {
  readonly synchronous = true;
  readonly #scopes = new Map<string, SlidingLog>();
  readonly #restore: MemoryLimiterStoreOptions['restore'];

  constructor(options: MemoryLimiterStoreOptions = {}) {
    this.#restore = options.restore;
  }

  /** The scope's log, if the store holds one (persistence reads it; the limiter never does). */
  scope(key: string): SlidingLog | undefined {
    return this.#scopes.get(key);
  }

  #log(key: string, rule: BucketRule, now: number): SlidingLog {
    let log = this.#scopes.get(key);
    if (!log) {
      log = this.#restore?.(key, rule, now) ?? new SlidingLog(rule);
      this.#scopes.set(key, log);
    }
    log.advance(rule, now);
    return log;
  }

  reserve(key: string, rule: BucketRule, cost: number, now: number): Reservation {
    return this.#log(key, rule, now).reserve(cost, now);
  }

  release(key: string, id: number): void {
    this.#scopes.get(key)?.release(id);
  }

  cancel(key: string, id: number): void {
    this.#scopes.get(key)?.cancel(id);
  }

  applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): void {
    this.#log(key, rule, now).feedback(feedback, now);
  }

  snapshot(key: string, rule: BucketRule, now: number): ScopeSnapshot {
    return this.#log(key, rule, now).snapshot();
  }
}
