import { type Clock, systemClock } from '../ports/clock.ts';
import { type Logger, noopLogger } from '../ports/logger.ts';
import type { LimiterSaved, LimiterStateRepo, SavedScope } from './limiter-state-repo.ts';
import { MemoryLimiterStore } from './memory-store.ts';
import { lostAtOf, restoreScope } from './restore-rule.ts';
import type { BucketRule } from './rules/types.ts';
import type { SlidingLog } from './sliding-log.ts';
import type { LimiterStore, Reservation, ScopeFeedback, ScopeSnapshot } from './store.ts';

export interface PersistedLimiterStoreOptions {
  repo: LimiterStateRepo;
  /** How often changed scopes are saved (a new scope is saved at once). @default 1000 */
  intervalMs?: number;
  /** Longest a request stays in flight (timeouts and retries included); see restoreScope. @default 35000 */
  inFlightMs?: number;
  /** @default systemClock */
  clock?: Clock;
  /** @default noopLogger */
  logger?: Logger;
}

/**
 * The in-process LimiterStore (synchronous, as fast as MemoryLimiterStore) whose windows survive a restart: changed
 * scopes are saved every `intervalMs` and on `close()`, and the next process restores each scope on first use by
 * restoreScope's conservative rule — after a graceful stop as saved, after kill -9 as full as the exchange may
 * still count it. No write sits on the request path.
 *
 * @example
 * const store = await PersistedLimiterStore.open({ repo: new LibsqlLimiterStateRepo(db) });
 * const limiter = new RateLimiter({ store });
 * // on shutdown, after the last request: await store.close();
 */
export class PersistedLimiterStore implements LimiterStore {
  readonly synchronous = true;
  readonly #memory: MemoryLimiterStore;
  readonly #repo: LimiterStateRepo;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #inFlightMs: number;
  readonly #prior: { saved: LimiterSaved; scopes: Map<string, SavedScope>; restartAt: number } | null;
  readonly #dirty = new Set<string>();
  /** Keys written by the last save: still active, so their next change waits for the period. */
  #lastSaved = new Set<string>();
  /** Saved scopes a crash may have lost entries of, rewritten with `lostAt` by the first save unless used first. */
  #carry: SavedScope[] = [];
  readonly #stop = new AbortController();
  #saving: Promise<void> = Promise.resolve();
  #soon = false;
  #closed: Promise<void> | undefined;

  private constructor(options: PersistedLimiterStoreOptions, saved: LimiterSaved | null) {
    this.#repo = options.repo;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? noopLogger;
    this.#intervalMs = options.intervalMs ?? 1000;
    this.#inFlightMs = options.inFlightMs ?? 35_000;
    if (!(this.#intervalMs > 0)) throw new TypeError(`intervalMs: must be > 0, got ${options.intervalMs}`);
    if (!(this.#inFlightMs >= 0)) throw new TypeError(`inFlightMs: must be >= 0, got ${options.inFlightMs}`);
    this.#prior = saved
      ? { saved, scopes: new Map(saved.scopes.map((s) => [s.key, s])), restartAt: this.#clock.now() }
      : null;
    if (this.#prior) {
      const context = { mark: saved!, restartAt: this.#prior.restartAt, inFlightMs: this.#inFlightMs };
      for (const scope of this.#prior.scopes.values()) {
        const lostAt = lostAtOf(scope, context);
        if (lostAt !== undefined && scope.lostAt === undefined) this.#carry.push({ ...scope, lostAt });
      }
    }
    this.#memory = new MemoryLimiterStore({ restore: (key, rule) => this.#restore(key, rule) });
  }

  /** Loads the last save and starts saving every `intervalMs`. */
  static async open(options: PersistedLimiterStoreOptions): Promise<PersistedLimiterStore> {
    const store = new PersistedLimiterStore(options, await options.repo.load());
    store.#loop();
    return store;
  }

  reserve(key: string, rule: BucketRule, cost: number, now: number): Reservation {
    const r = this.#memory.reserve(key, rule, cost, now);
    if (r.ok) this.#touch(key);
    return r;
  }

  release(key: string, id: number): void {
    this.#memory.release(key, id);
  }

  cancel(key: string, id: number): void {
    this.#memory.cancel(key, id);
    this.#touch(key);
  }

  applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): void {
    this.#memory.applyFeedback(key, rule, feedback, now);
    this.#touch(key);
  }

  snapshot(key: string, rule: BucketRule, now: number): ScopeSnapshot {
    return this.#memory.snapshot(key, rule, now);
  }

  /** Saves the scopes changed since the last save (and the mark that this process was alive). */
  flush(): Promise<void> {
    return this.#save(false);
  }

  /** Stops the periodic save and writes the final, clean one. Call after the last request ended. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#stop.abort();
      await this.#save(true);
    })();
    return this.#closed;
  }

  /**
   * Marks a scope changed. The first change of a scope that the last save did not write (new, or idle for a period)
   * is saved at once: a crash then finds every scope that changed since the last save among those it wrote.
   */
  #touch(key: string): void {
    if (this.#dirty.has(key)) return;
    this.#dirty.add(key);
    if (!this.#lastSaved.has(key)) this.#saveSoon();
  }

  #restore(key: string, rule: BucketRule): SlidingLog | undefined {
    const saved = this.#prior?.scopes.get(key);
    if (!this.#prior || !saved) return undefined;
    const { saved: mark, restartAt } = this.#prior;
    return restoreScope(rule, saved, { mark, restartAt, inFlightMs: this.#inFlightMs });
  }

  /** Saves in a microtask (batched with the other first changes of this turn), not at the next period. */
  #saveSoon(): void {
    if (this.#soon || this.#closed) return;
    this.#soon = true;
    queueMicrotask(() => {
      this.#soon = false;
      void this.#save(false);
    });
  }

  async #loop(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      try {
        await this.#clock.sleep(this.#intervalMs, signal);
      } catch {
        return;
      }
      await this.#save(false);
    }
  }

  #save(clean: boolean): Promise<void> {
    this.#saving = this.#saving.then(async () => {
      const now = this.#clock.now();
      const upserts: SavedScope[] = [];
      const deletes: string[] = [];
      for (const key of this.#dirty) {
        const log = this.#memory.scope(key);
        if (!log) continue;
        log.advance(log.rule, now);
        const entries = log.entries();
        if (entries.times.length === 0 && entries.blockedUntil <= now) deletes.push(key);
        else upserts.push({ key, ...entries, savedAt: now });
      }
      this.#dirty.clear();
      const active = new Set(upserts.map((s) => s.key));
      for (const scope of this.#carry) if (!active.has(scope.key)) upserts.push(scope);
      try {
        await this.#repo.save({ savedAt: now, clean, intervalMs: this.#intervalMs, upserts, deletes });
        this.#lastSaved = active;
        this.#carry = [];
      } catch (err) {
        for (const s of upserts) this.#dirty.add(s.key);
        for (const key of deletes) this.#dirty.add(key);
        this.#logger.warn('limiter state not saved', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
    });
    return this.#saving;
  }
}
