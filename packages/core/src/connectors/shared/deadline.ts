import type { Clock } from '../../ports/clock.ts';

/**
 * One exchange request's deadline, covering every attempt and every retry sleep: armed when the first permit is
 * granted (time queued for the limiter's first permit is the limiter's to bound). Each attempt's fetch gets a signal
 * that aborts when the time left runs out (a runtime timer, so a hung socket is cut even while nothing else runs);
 * retry sleeps are checked against the time left on the injected clock.
 *
 * @example
 * const deadline = new Deadline(clock, 10_000);
 * deadline.arm();
 * await fetch(url, { signal: deadline.attemptSignal() });
 * if (deadline.expired || backoff >= deadline.remaining()) throw error; // no retry past it
 */
export class Deadline {
  readonly #clock: Clock;
  readonly #ms: number;
  #at: number | undefined;
  #attempt: AbortSignal | undefined;

  constructor(clock: Clock, ms: number) {
    this.#clock = clock;
    this.#ms = ms;
  }

  /** Starts the deadline (once; later calls do nothing). */
  arm(): void {
    this.#at ??= this.#clock.now() + this.#ms;
  }

  get armed(): boolean {
    return this.#at !== undefined;
  }

  /** True once an attempt ran out of time: no further attempt. */
  get expired(): boolean {
    return this.#attempt?.aborted === true || (this.#at !== undefined && this.remaining() <= 0);
  }

  /** Milliseconds left (the whole budget before it is armed). */
  remaining(): number {
    return this.#at === undefined ? this.#ms : Math.max(0, this.#at - this.#clock.now());
  }

  /** A signal for one attempt: aborts (TimeoutError) when the time left now has passed. */
  attemptSignal(): AbortSignal {
    this.#attempt = AbortSignal.timeout(Math.max(1, this.remaining()));
    return this.#attempt;
  }
}
