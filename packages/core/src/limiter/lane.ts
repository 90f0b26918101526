import type { Clock } from '../ports/clock.ts';
import type { Permit } from './gate.ts';
import type { Plan } from './plan.ts';

/** One queued acquire. */
export interface Waiter {
  plan: Plan;
  priority: number;
  enqueuedAt: number;
  deadline: number;
  resolve: (permit: Permit) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  done: boolean;
}

export interface LaneStats {
  admitted: number;
  /** Admitted after waiting in the queue. */
  waited: number;
  totalWaitMs: number;
  longestWaitMs: number;
  queueFull: number;
  maxWait: number;
  aborted: number;
}

/**
 * The queue of one (exchange, ip, account): priorities (higher first), FIFO within a priority. Only its head
 * asks the store; the pump that drives it sleeps until the head can fit or something changes (kick).
 */
export class Lane {
  readonly exchange: string;
  readonly ip: string;
  readonly account: string;
  /** Plans by method, then path (nested: no string building on the hot path). */
  readonly plans = new Map<string, Map<string, Plan>>();
  /** Priority levels, highest first. */
  readonly levels: { priority: number; items: Waiter[] }[] = [];
  size = 0;
  pumping = false;
  readonly stats: LaneStats = {
    admitted: 0,
    waited: 0,
    totalWaitMs: 0,
    longestWaitMs: 0,
    queueFull: 0,
    maxWait: 0,
    aborted: 0,
  };
  #wake: (() => void) | undefined;
  #kicked = false;

  constructor(exchange: string, ip: string, account: string) {
    this.exchange = exchange;
    this.ip = ip;
    this.account = account;
  }

  plan(method: string, path: string): Plan | undefined {
    return this.plans.get(method)?.get(path);
  }

  setPlan(method: string, path: string, plan: Plan): void {
    const byPath = this.plans.get(method) ?? new Map<string, Plan>();
    this.plans.set(method, byPath);
    byPath.set(path, plan);
  }

  *allPlans(): Iterable<Plan> {
    for (const byPath of this.plans.values()) yield* byPath.values();
  }

  /** Adds a waiter; returns true when it became the head. */
  push(waiter: Waiter): boolean {
    let i = 0;
    while (i < this.levels.length && this.levels[i]!.priority > waiter.priority) i++;
    let level = this.levels[i];
    if (!level || level.priority !== waiter.priority) {
      level = { priority: waiter.priority, items: [] };
      this.levels.splice(i, 0, level);
    }
    level.items.push(waiter);
    this.size++;
    return this.peek() === waiter;
  }

  peek(): Waiter | undefined {
    for (const level of this.levels) if (level.items.length > 0) return level.items[0];
    return undefined;
  }

  remove(waiter: Waiter): void {
    for (const level of this.levels) {
      const i = level.items.indexOf(waiter);
      if (i < 0) continue;
      level.items.splice(i, 1);
      this.size--;
      if (level.items.length === 0) this.levels.splice(this.levels.indexOf(level), 1);
      return;
    }
  }

  /** Waiters (other than `except`) whose deadline has come, removed from the queue. */
  takeExpired(now: number, except: Waiter): Waiter[] {
    const out: Waiter[] = [];
    for (const level of this.levels)
      for (const w of level.items) {
        if (w.deadline > now) break; // deadlines grow in enqueue order within a level
        if (w !== except) out.push(w);
      }
    for (const w of out) this.remove(w);
    return out;
  }

  earliestDeadline(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const level of this.levels) {
      const first = level.items[0]; // deadlines grow in enqueue order within a level
      if (first && first.deadline < min) min = first.deadline;
    }
    return min;
  }

  /** Sleeps `ms` (forever when Infinity) or until kicked. */
  sleep(clock: Clock, ms: number): Promise<void> {
    if (this.#kicked) {
      this.#kicked = false;
      return Promise.resolve();
    }
    if (ms === Number.POSITIVE_INFINITY) return new Promise<void>((resolve) => (this.#wake = resolve));
    const ac = new AbortController();
    this.#wake = () => ac.abort();
    return clock.sleep(ms, ac.signal).then(
      () => {
        this.#wake = undefined;
      },
      () => {},
    );
  }

  /** Wakes the pump: something changed (new head, release, abort). */
  kick(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    if (wake) wake();
    else if (this.pumping) this.#kicked = true; // the pump is busy (asking the store): skip its next sleep
  }
}
