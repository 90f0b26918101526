import { DurableObject } from 'cloudflare:workers';
import type { DurableObjectState } from '@cloudflare/workers-types';
import type { BucketRule, EndedEntry, Reservation, ScopeFeedback, ScopeSnapshot } from '@cts/core/limiter';
import { SqlScope } from './sql-scope.ts';

/** A reserve that could never fit (cost above a window's limit) comes back as a value: RPC keeps it a RangeError. */
export type ObjectReservation = Reservation | { ok: false; retryAt: null; rangeError: string };

/**
 * The Durable Object behind DurableObjectLimiterStore: one instance per limiter scope (exchange + IP or account,
 * or an endpoint bucket), named by the scope key. Its state is core's SlidingLog kept in the object's SQLite
 * storage (a `new_sqlite_classes` migration). Each RPC method runs its whole check-and-write synchronously inside
 * `transactionSync`, and a Durable Object runs one such section at a time, so acquires arriving from any number
 * of isolates are serialised and never over-admit.
 */
export class LimiterObject extends DurableObject {
  #scope: SqlScope;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.#scope = new SqlScope(ctx.storage.sql);
  }

  reserve(rule: BucketRule, cost: number, now: number): ObjectReservation {
    try {
      return this.#atomic(() => this.#scope.reserve(rule, cost, now));
    } catch (err) {
      if (err instanceof RangeError) return { ok: false, retryAt: null, rangeError: err.message };
      throw err;
    }
  }

  release(id: number): void {
    this.#atomic(() => this.#scope.release(id));
  }

  cancel(id: number): void {
    this.#atomic(() => this.#scope.cancel(id));
  }

  applyFeedback(rule: BucketRule, feedback: ScopeFeedback, now: number): void {
    this.#atomic(() => this.#scope.feedback(rule, feedback, now));
  }

  /** Requests' ends (each re-counted from its `at`), in one transaction. */
  applyEnded(rule: BucketRule, ended: EndedEntry[]): void {
    this.#atomic(() => this.#scope.ended(rule, ended));
  }

  snapshot(rule: BucketRule, now: number): ScopeSnapshot {
    return this.#atomic(() => this.#scope.snapshot(rule, now));
  }

  /** Runs `fn` in one SQLite transaction; if a write fails, the in-memory log is rebuilt from the rows next time. */
  #atomic<T>(fn: () => T): T {
    try {
      return this.ctx.storage.transactionSync(fn);
    } catch (err) {
      if (!(err instanceof RangeError)) this.#scope = new SqlScope(this.ctx.storage.sql);
      throw err;
    }
  }
}
