/**
 * Success counts in fixed time buckets over a sliding window (288 five-minute buckets for a day by default):
 * bounded memory however many samples arrive. A bucket slot is reused when its time comes round again.
 */
export class UptimeBuckets {
  readonly #bucketMs: number;
  readonly #epoch: Float64Array;
  readonly #ok: Uint32Array;
  readonly #total: Uint32Array;

  constructor(options: { windowMs?: number; bucketMs?: number } = {}) {
    const windowMs = options.windowMs ?? 86_400_000;
    const bucketMs = options.bucketMs ?? 300_000;
    if (!(bucketMs > 0) || !(windowMs >= bucketMs))
      throw new TypeError('bucketMs: must be > 0 and <= windowMs');
    const count = Math.ceil(windowMs / bucketMs);
    this.#bucketMs = bucketMs;
    this.#epoch = new Float64Array(count).fill(-1);
    this.#ok = new Uint32Array(count);
    this.#total = new Uint32Array(count);
  }

  add(at: number, success: boolean): void {
    const n = Math.floor(at / this.#bucketMs);
    const slot = n % this.#epoch.length;
    if (this.#epoch[slot] !== n) {
      if (this.#epoch[slot]! > n) return; // older than the window
      this.#epoch[slot] = n;
      this.#ok[slot] = 0;
      this.#total[slot] = 0;
    }
    this.#total[slot]!++;
    if (success) this.#ok[slot]!++;
  }

  /**
   * Over the buckets of the window ending at `now` that have samples: `uptime` is the mean per-bucket success share
   * (time-weighted, 0..100), `successRate` successes over all samples (0..100), `total` the sample count.
   */
  stats(now: number): { uptime: number | null; successRate: number | null; total: number; ok: number } {
    const current = Math.floor(now / this.#bucketMs);
    const oldest = current - this.#epoch.length + 1;
    let buckets = 0;
    let shares = 0;
    let ok = 0;
    let total = 0;
    for (let i = 0; i < this.#epoch.length; i++) {
      const n = this.#epoch[i]!;
      if (n < oldest || n > current || this.#total[i] === 0) continue;
      buckets++;
      shares += this.#ok[i]! / this.#total[i]!;
      ok += this.#ok[i]!;
      total += this.#total[i]!;
    }
    if (total === 0) return { uptime: null, successRate: null, total: 0, ok: 0 };
    return { uptime: (shares / buckets) * 100, successRate: (ok / total) * 100, total, ok };
  }
}
