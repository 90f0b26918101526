import { ResponseRing } from './response-ring.ts';
import { UptimeBuckets } from './uptime-buckets.ts';

/** One observation, as the tracker takes it. */
export interface HealthObservation {
  at: number;
  success: boolean;
  responseTimeMs: number;
  errorCode?: string | null;
}

export interface HealthTrackerOptions {
  /** Window for uptime and success rate. @default 86400000 (24 h) */
  windowMs?: number;
  /** Uptime bucket width. @default 300000 (5 min) */
  bucketMs?: number;
  /** Response times kept for the average and p95. @default 128 */
  responseSamples?: number;
}

/** What a tracker reports. Percentages 0..100; null where nothing was observed. */
export interface HealthStats {
  lastCheckAt: number | null;
  lastErrorCode: string | null;
  averageResponseMs: number | null;
  p95ResponseMs: number | null;
  consecutiveErrors: number;
  consecutiveSuccesses: number;
  uptime: number | null;
  successRate: number | null;
  totalRequests: number;
  clockOffsetMs: number | null;
  keyExpiresAt: number | null;
}

/**
 * One connection's health aggregates in fixed-size structures (a response-time ring and uptime buckets), so memory
 * stays bounded whatever the sample count: about 3.3 KB per connection with the defaults.
 */
export class HealthTracker {
  readonly #ring: ResponseRing;
  readonly #buckets: UptimeBuckets;
  #lastCheckAt: number | null = null;
  #lastErrorCode: string | null = null;
  #errors = 0;
  #successes = 0;
  clockOffsetMs: number | null = null;
  keyExpiresAt: number | null = null;

  constructor(options: HealthTrackerOptions = {}) {
    this.#ring = new ResponseRing(options.responseSamples ?? 128);
    this.#buckets = new UptimeBuckets({ windowMs: options.windowMs, bucketMs: options.bucketMs });
  }

  record(o: HealthObservation): void {
    this.#ring.push(o.responseTimeMs);
    this.#buckets.add(o.at, o.success);
    if (this.#lastCheckAt === null || o.at >= this.#lastCheckAt) {
      this.#lastCheckAt = o.at;
      this.#lastErrorCode = o.success ? null : (o.errorCode ?? 'exchange');
    }
    if (o.success) {
      this.#successes++;
      this.#errors = 0;
    } else {
      this.#errors++;
      this.#successes = 0;
    }
  }

  stats(now: number): HealthStats {
    const window = this.#buckets.stats(now);
    return {
      lastCheckAt: this.#lastCheckAt,
      lastErrorCode: this.#lastErrorCode,
      averageResponseMs: this.#ring.average(),
      p95ResponseMs: this.#ring.quantile(0.95),
      consecutiveErrors: this.#errors,
      consecutiveSuccesses: this.#successes,
      uptime: window.uptime,
      successRate: window.successRate,
      totalRequests: window.total,
      clockOffsetMs: this.clockOffsetMs,
      keyExpiresAt: this.keyExpiresAt,
    };
  }
}
