import type { Clock } from '@cts/core/ports';

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told. `sleep` resolves when `advance`/`tick` passes its deadline,
 * in deadline order (then call order), so tests never sleep and never depend on the machine's speed.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];

  constructor(options: { start?: number } = {}) {
    this.#now = options.start ?? Date.UTC(2026, 0, 27, 10, 0, 0);
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Number of pending sleeps. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** The earliest pending deadline, or undefined. */
  nextDeadline(): number | undefined {
    let min: number | undefined;
    for (const s of this.#sleepers) if (min === undefined || s.at < min) min = s.at;
    return min;
  }

  /** Sets the time without waking anyone (for skew tests). */
  set(ms: number): void {
    this.#now = ms;
  }

  /**
   * Moves time forward by `ms`, waking each sleeper whose deadline passes, in order, and letting the
   * microtasks it schedules run before the next one wakes.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flushMicrotasks();
      const due = this.#sleepers
        .filter((s) => s.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#sleepers = this.#sleepers.filter((s) => s !== due);
      this.#now = Math.max(this.#now, due.at);
      due.resolve();
    }
    this.#now = target;
    await flushMicrotasks();
  }

  /** Advances to the next pending deadline (if any) and wakes the sleepers due then. Returns false when none. */
  async tick(): Promise<boolean> {
    await flushMicrotasks();
    const next = this.nextDeadline();
    if (next === undefined) return false;
    await this.advance(next - this.#now);
    return true;
  }
}

/** Lets queued promise callbacks run (several rounds, for chains of awaits). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
