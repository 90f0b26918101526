/**
 * The last `capacity` response times in a fixed Float32Array: average and p95 over them without growing memory.
 */
export class ResponseRing {
  readonly #values: Float32Array;
  #next = 0;
  #size = 0;

  constructor(capacity = 128) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('capacity: must be an integer >= 1');
    this.#values = new Float32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(ms: number): void {
    this.#values[this.#next] = ms;
    this.#next = (this.#next + 1) % this.#values.length;
    if (this.#size < this.#values.length) this.#size++;
  }

  /** Mean of the kept values, or null when empty. */
  average(): number | null {
    if (this.#size === 0) return null;
    let sum = 0;
    for (let i = 0; i < this.#size; i++) sum += this.#values[i]!;
    return sum / this.#size;
  }

  /** The `q` quantile (nearest rank) of the kept values, or null when empty. */
  quantile(q: number): number | null {
    if (this.#size === 0) return null;
    const sorted = this.#values.slice(0, this.#size).sort();
    const rank = Math.min(this.#size, Math.max(1, Math.ceil(q * this.#size)));
    return sorted[rank - 1]!;
  }
}
