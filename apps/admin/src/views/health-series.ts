import type { HealthSample } from '@cts/core';

export interface HealthSeries {
  /** Success percentage per bucket, null where there were no samples. */
  uptime: Array<number | null>;
  /** Average response time per bucket, ms. */
  responseTime: Array<number | null>;
  /** Response times of the last samples (up to `recent`), oldest first, ms. */
  recentResponseTimes: number[];
}

/** Buckets samples in [from, from + buckets × bucketMs) into per-bucket uptime and average response time. */
export function healthSeries(
  samples: HealthSample[],
  from: number,
  bucketMs: number,
  buckets: number,
  recent = 40,
): HealthSeries {
  const ok = new Array<number>(buckets).fill(0);
  const all = new Array<number>(buckets).fill(0);
  const rt = new Array<number>(buckets).fill(0);
  for (const s of samples) {
    const i = Math.floor((s.at - from) / bucketMs);
    if (i < 0 || i >= buckets) continue;
    all[i]!++;
    if (s.success) ok[i]!++;
    rt[i]! += s.responseTimeMs;
  }
  return {
    uptime: all.map((n, i) => (n === 0 ? null : (ok[i]! / n) * 100)),
    responseTime: all.map((n, i) => (n === 0 ? null : rt[i]! / n)),
    recentResponseTimes: samples.slice(-recent).map((s) => s.responseTimeMs),
  };
}
