import type { BucketRule } from './rules/types.ts';
import type { Reservation, ScopeFeedback, ScopeSnapshot } from './store.ts';

/** A SlidingLog's durable state: entries `base`, `base + 1`, … with their times and costs, held slots, the pause. */
export interface SlidingLogState {
  base: number;
  times: number[];
  costs: number[];
  active: number[];
  blockedUntil: number;
}

/**
 * One scope's state: a time-ordered log of admitted costs kept as long as the longest window, with a running
 * sum and a start index per window. An entry at time t counts in window W while now - W < t, so the admitted
 * cost in every span of W ms stays within the limit (no double burst at window edges).
 */
export class SlidingLog {
  rule: BucketRule;
  /** Entry times and costs; entries before `head` are gone. Entry i has id `base + i`. */
  readonly times: number[] = [];
  readonly costs: number[] = [];
  head = 0;
  base = 1;
  starts: number[] = [];
  sums: number[] = [];
  readonly active = new Set<number>();
  blockedUntil = 0;

  constructor(rule: BucketRule) {
    this.rule = rule;
    this.#reindex();
  }

  /** Rebuilds a log from saved state (a Durable Object's SQLite rows); `advance` then drops what has expired. */
  static restore(rule: BucketRule, state: SlidingLogState): SlidingLog {
    if (state.times.length !== state.costs.length)
      throw new TypeError('state: times and costs must have the same length');
    const log = new SlidingLog(rule);
    log.base = state.base;
    for (let i = 0; i < state.times.length; i++) {
      log.times.push(state.times[i]!);
      log.costs.push(state.costs[i]!);
    }
    for (const id of state.active) log.active.add(id);
    log.blockedUntil = state.blockedUntil;
    log.#reindex();
    return log;
  }

  /** Brings the log up to `now` (and to a changed rule); drops entries older than every window. */
  advance(rule: BucketRule, now: number): void {
    if (rule !== this.rule) {
      const same = sameWindows(rule, this.rule);
      this.rule = rule;
      if (!same) this.#reindex();
    }
    const { windows } = rule;
    let first = this.times.length;
    for (let w = 0; w < windows.length; w++) {
      const edge = now - windows[w]!.windowMs;
      let i = this.starts[w]!;
      let sum = this.sums[w]!;
      while (i < this.times.length && this.times[i]! <= edge) sum -= this.costs[i++]!;
      this.starts[w] = i;
      this.sums[w] = sum;
      if (i < first) first = i;
    }
    this.head = first;
    if (first > 1024 && first * 2 > this.times.length) this.#compact(first);
  }

  reserve(cost: number, now: number): Reservation {
    if (now < this.blockedUntil) return { ok: false, retryAt: this.blockedUntil };
    const { windows } = this.rule;
    let retryAt = 0;
    for (let w = 0; w < windows.length; w++) {
      const limit = windows[w]!.limit;
      if (cost > limit) throw new RangeError(`cost ${cost} exceeds the window limit ${limit}`);
      const excess = this.sums[w]! + cost - limit;
      if (excess > 1e-9) {
        const at = this.#freedAt(w, excess);
        if (at > retryAt) retryAt = at;
      }
    }
    if (retryAt > 0) return { ok: false, retryAt: retryAt > now ? retryAt : now + 1 };
    const cap = this.rule.concurrency;
    if (cap !== undefined && this.active.size >= cap) return { ok: false, retryAt: null };
    const id = this.#append(cost, now);
    if (cap !== undefined) this.active.add(id);
    return { ok: true, id };
  }

  /** The entries still in some window (zero-cost entries left out), the pause; no held slots. */
  entries(): { times: number[]; costs: number[]; blockedUntil: number } {
    const times: number[] = [];
    const costs: number[] = [];
    for (let i = this.head; i < this.times.length; i++)
      if (this.costs[i]! > 0) {
        times.push(this.times[i]!);
        costs.push(this.costs[i]!);
      }
    return { times, costs, blockedUntil: this.blockedUntil };
  }

  release(id: number): void {
    this.active.delete(id);
  }

  cancel(id: number): void {
    this.active.delete(id);
    this.#drop(id);
  }

  feedback(feedback: ScopeFeedback, now: number): void {
    if (feedback.blockUntil !== undefined && feedback.blockUntil > this.blockedUntil)
      this.blockedUntil = feedback.blockUntil;
    if (feedback.ended && feedback.ended.cost > 0) {
      // Counted again from its end: a request the exchange saw late (network delay) is not forgotten early. An
      // entry that already left every window (a reply slower than the window) comes back too, for the same reason.
      this.#drop(feedback.ended.id);
      this.#append(feedback.ended.cost, now);
    }
    for (const { windowMs, used } of feedback.usage ?? []) {
      const w = this.rule.windows.findIndex((x) => x.windowMs === windowMs);
      if (w < 0) continue;
      // Someone else (another process on the IP) used more than we counted: record the difference as used now.
      const missing = used - this.sums[w]!;
      if (missing > 0) this.#append(missing, now);
    }
  }

  /** Takes entry `id`'s cost out of the windows that still count it. */
  #drop(id: number): void {
    const i = id - this.base;
    if (i < this.head || i >= this.times.length) return;
    const cost = this.costs[i]!;
    if (cost === 0) return;
    for (let w = 0; w < this.starts.length; w++) if (this.starts[w]! <= i) this.sums[w]! -= cost;
    this.costs[i] = 0;
  }

  snapshot(): ScopeSnapshot {
    return {
      windows: this.rule.windows.map((w, i) => ({
        windowMs: w.windowMs,
        limit: w.limit,
        used: this.sums[i]!,
      })),
      inFlight: this.active.size,
      blockedUntil: this.blockedUntil,
    };
  }

  /** The time at which entries in window `w` worth at least `excess` will have left it. */
  #freedAt(w: number, excess: number): number {
    let freed = 0;
    const span = this.rule.windows[w]!.windowMs;
    for (let i = this.starts[w]!; i < this.times.length; i++) {
      freed += this.costs[i]!;
      if (freed >= excess - 1e-9) return this.times[i]! + span;
    }
    return Number.POSITIVE_INFINITY; // unreachable while cost <= limit
  }

  #append(cost: number, now: number): number {
    const last = this.times.length > 0 ? this.times[this.times.length - 1]! : now;
    this.times.push(Math.max(now, last)); // clocks of several processes may disagree: keep the log sorted
    this.costs.push(cost);
    for (let w = 0; w < this.sums.length; w++) this.sums[w]! += cost;
    return this.base + this.times.length - 1;
  }

  #compact(first: number): void {
    this.times.splice(0, first);
    this.costs.splice(0, first);
    this.base += first;
    this.head = 0;
    for (let w = 0; w < this.starts.length; w++) this.starts[w]! -= first;
  }

  /** Recomputes window sums from the log (after a rule change); each window starts at the head. */
  #reindex(): void {
    this.starts = this.rule.windows.map(() => this.head);
    this.sums = this.rule.windows.map(() => {
      let sum = 0;
      for (let i = this.head; i < this.costs.length; i++) sum += this.costs[i]!;
      return sum;
    });
  }
}

/** Whether two rules count the same spans (limits may differ: sums do not depend on them). */
function sameWindows(a: BucketRule, b: BucketRule): boolean {
  if (a.windows.length !== b.windows.length) return false;
  for (let i = 0; i < a.windows.length; i++)
    if (a.windows[i]!.windowMs !== b.windows[i]!.windowMs) return false;
  return true;
}
