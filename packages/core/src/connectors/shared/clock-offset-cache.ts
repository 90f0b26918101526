import type { Environment, ExchangeId } from '../../exchanges/catalog.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ClockOffset } from '../types.ts';

export interface ClockOffsetCacheOptions {
  /** Ages entries. */
  clock: Clock;
  /** How long a measured offset is reused. @default 300000 (5 minutes) */
  ttlMs?: number;
}

interface Entry {
  offset: ClockOffset;
  at: number;
}

/** The cache key: an exchange's clock vs this machine's, per environment and host (never per key). */
export function clockOffsetKey(exchange: ExchangeId, environment: Environment, host: string): string {
  return `${exchange}|${environment}|${host}`;
}

/**
 * Clock offsets shared by every connector of one process: the offset is a property of (exchange, environment, host)
 * against this machine, not of an API key, so one 3-sample sync per TTL serves every connection. Concurrent misses
 * on one key share a single sync. An exchange's timestamp rejection invalidates its entries (`invalidateExchange`).
 */
export class ClockOffsetCache {
  readonly ttlMs: number;
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<ClockOffset>>();
  /** Bumped per key on invalidation, so a sync started before it does not store its now-suspect result. */
  readonly #generation = new Map<string, number>();

  constructor(options: ClockOffsetCacheOptions) {
    if (options === null || typeof options !== 'object')
      throw new TypeError('options: expected { clock, ttlMs? }');
    if (!options.clock || typeof options.clock.now !== 'function')
      throw new TypeError('clock: expected a Clock with now()');
    const ttlMs = options.ttlMs ?? 300_000;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new TypeError('ttlMs: must be a positive number of ms');
    this.#clock = options.clock;
    this.ttlMs = ttlMs;
  }

  /** The fresh offset of `key` and its age in ms, or undefined (expired entries are dropped). */
  get(key: string): { offset: ClockOffset; ageMs: number } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const ageMs = Math.max(0, this.#clock.now() - entry.at);
    if (ageMs >= this.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return { offset: entry.offset, ageMs };
  }

  set(key: string, offset: ClockOffset): void {
    this.#entries.set(key, { offset: { ...offset }, at: this.#clock.now() });
  }

  /**
   * The cached offset (with `cachedAgeMs`), else the result of `sync`, stored. A sync already running for `key` is
   * shared; if it fails, this caller runs its own (its failure is then its own).
   */
  async resolve(key: string, sync: () => Promise<ClockOffset>): Promise<ClockOffset> {
    const hit = this.get(key);
    if (hit) return { ...hit.offset, cachedAgeMs: hit.ageMs };
    const running = this.#pending.get(key);
    if (running) {
      try {
        const offset = await running;
        return { ...offset, cachedAgeMs: 0 };
      } catch {
        return this.#sync(key, sync);
      }
    }
    return this.#sync(key, sync);
  }

  /** Drops every entry of one exchange and environment (all hosts): its clock reading is no longer trusted. */
  invalidateExchange(exchange: ExchangeId, environment: Environment): void {
    const prefix = `${exchange}|${environment}|`;
    for (const key of new Set([...this.#entries.keys(), ...this.#pending.keys()]))
      if (key.startsWith(prefix)) this.invalidate(key);
  }

  invalidate(key: string): void {
    this.#entries.delete(key);
    this.#pending.delete(key);
    this.#generation.set(key, (this.#generation.get(key) ?? 0) + 1);
  }

  /** Entries held, fresh or not yet swept. */
  get size(): number {
    return this.#entries.size;
  }

  async #sync(key: string, sync: () => Promise<ClockOffset>): Promise<ClockOffset> {
    const generation = this.#generation.get(key) ?? 0;
    const running = sync();
    this.#pending.set(key, running);
    try {
      const offset = await running;
      if ((this.#generation.get(key) ?? 0) === generation) this.set(key, offset);
      return offset;
    } finally {
      if (this.#pending.get(key) === running) this.#pending.delete(key);
    }
  }
}
