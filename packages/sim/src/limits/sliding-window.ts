/**
 * An exact sliding-window counter: every accepted request is kept with its time and weight until it
 * leaves the window, so "used" is the exact sum of weights in (now - windowMs, now].
 */
export class SlidingWindow {
  readonly windowMs: number;
  #times: number[] = [];
  #weights: number[] = [];
  #head = 0;
  #sum = 0;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Drops entries that left the window at `now`. */
  #prune(now: number): void {
    const edge = now - this.windowMs;
    while (this.#head < this.#times.length && this.#times[this.#head]! <= edge) {
      this.#sum -= this.#weights[this.#head]!;
      this.#head++;
    }
    if (this.#head > 64 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#weights = this.#weights.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The weight used in the window ending at `now`. */
  used(now: number): number {
    this.#prune(now);
    return this.#sum;
  }

  /** Records `weight` at `now` (call after `wouldExceed` said no). */
  add(now: number, weight: number): void {
    this.#prune(now);
    this.#times.push(now);
    this.#weights.push(weight);
    this.#sum += weight;
  }

  /** Milliseconds until `weight` more fits under `limit` (0 when it fits now). */
  waitFor(now: number, weight: number, limit: number): number {
    this.#prune(now);
    let excess = this.#sum + weight - limit;
    if (excess <= 0) return 0;
    for (let i = this.#head; i < this.#times.length; i++) {
      excess -= this.#weights[i]!;
      if (excess <= 0) return this.#times[i]! + this.windowMs - now;
    }
    return this.windowMs;
  }

  /** Epoch ms when the oldest entry leaves the window (now + window when empty). */
  resetAt(now: number): number {
    this.#prune(now);
    return this.#head < this.#times.length ? this.#times[this.#head]! + this.windowMs : now + this.windowMs;
  }

  /** True when nothing is left in the window (the counter may be dropped). */
  isEmpty(now: number): boolean {
    this.#prune(now);
    return this.#head >= this.#times.length;
  }
}
