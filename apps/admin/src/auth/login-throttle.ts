import type { Clock } from '@cts/core';

/**
 * Slows password guessing: after `maxFailures` failed sign-ins for a username within `windowMs`, that username is
 * refused until the window has passed since the last failure. In memory, per process (a Worker isolate keeps its
 * own); bounded to `maxEntries` usernames (the oldest are forgotten first).
 */
export class LoginThrottle {
  readonly #clock: Clock;
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #maxEntries: number;
  readonly #failures = new Map<string, { count: number; last: number }>();

  constructor(options: { clock: Clock; maxFailures?: number; windowMs?: number; maxEntries?: number }) {
    this.#clock = options.clock;
    this.#maxFailures = options.maxFailures ?? 5;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** Milliseconds until `username` may try again (0 = now). */
  retryAfterMs(username: string): number {
    const entry = this.#failures.get(username.toLowerCase());
    if (!entry) return 0;
    const elapsed = this.#clock.now() - entry.last;
    if (elapsed >= this.#windowMs) {
      this.#failures.delete(username.toLowerCase());
      return 0;
    }
    return entry.count >= this.#maxFailures ? this.#windowMs - elapsed : 0;
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    const now = this.#clock.now();
    const entry = this.#failures.get(key);
    const count = entry && now - entry.last < this.#windowMs ? entry.count + 1 : 1;
    this.#failures.delete(key);
    this.#failures.set(key, { count, last: now });
    if (this.#failures.size > this.#maxEntries) this.#failures.delete(this.#failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.#failures.delete(username.toLowerCase());
  }
}
