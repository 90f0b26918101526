/** Nonces seen inside the envelope window: a second envelope with one of them is a replay. Bounded. */
export class NonceCache {
  #seen = new Map<string, number>();
  readonly #windowMs: number;
  readonly #max: number;

  /**
   * @param windowMs how long a nonce is remembered (the envelope window on both sides of now).
   * @param max nonces held at most; beyond it new envelopes are refused until old ones expire. @default 1_000_000
   */
  constructor(windowMs: number, max = 1_000_000) {
    this.#windowMs = windowMs;
    this.#max = max;
  }

  /** Records `nonce`; false when it was already seen in the window (or the cache is full). */
  add(nonce: string, now: number): boolean {
    this.#sweep(now);
    if (this.#seen.has(nonce) || this.#seen.size >= this.#max) return false;
    this.#seen.set(nonce, now + 2 * this.#windowMs);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  /** Insertion order is expiry order (every entry lives the same time), so expired ones are at the front. */
  #sweep(now: number): void {
    for (const [nonce, expires] of this.#seen) {
      if (expires > now) break;
      this.#seen.delete(nonce);
    }
  }
}
