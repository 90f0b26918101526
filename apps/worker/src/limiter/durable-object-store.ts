import type {
  DurableObjectLocationHint,
  DurableObjectNamespace,
  DurableObjectStub,
} from '@cloudflare/workers-types';
import type {
  BucketRule,
  EndedEntry,
  LimiterStore,
  Reservation,
  ScopeFeedback,
  ScopeSnapshot,
} from '@cts/core/limiter';
import type { LimiterObject } from './limiter-object.ts';

export interface DurableObjectLimiterStoreOptions {
  /** Where new scope objects are created (`'apac'`, `'weur'`, …), near the exchanges. @default none (near the first caller) */
  locationHint?: DurableObjectLocationHint;
}

/**
 * The LimiterStore of the Worker: each scope key is one LimiterObject (a Durable Object named by the key) reached by
 * RPC. Every call is one round trip to the object, which decides and persists atomically, so all isolates of the
 * Worker — and Node/Bun servers using HttpLimiterStore against /limiter/* — share one count per scope.
 *
 * @example
 * const limiter = new RateLimiter({ store: new DurableObjectLimiterStore(env.LIMITER) });
 */
export class DurableObjectLimiterStore implements LimiterStore {
  readonly synchronous = false;
  readonly #ns: DurableObjectNamespace<LimiterObject>;
  readonly #options: { locationHint?: DurableObjectLocationHint };

  constructor(
    namespace: DurableObjectNamespace<LimiterObject>,
    options: DurableObjectLimiterStoreOptions = {},
  ) {
    if (typeof namespace?.idFromName !== 'function')
      throw new TypeError('namespace: expected a Durable Object namespace binding (LIMITER)');
    this.#ns = namespace;
    this.#options = options.locationHint ? { locationHint: options.locationHint } : {};
  }

  async reserve(key: string, rule: BucketRule, cost: number, now: number): Promise<Reservation> {
    const r = await this.#stub(key).reserve(rule, cost, now);
    if ('rangeError' in r) throw new RangeError(r.rangeError);
    return r;
  }

  async release(key: string, id: number): Promise<void> {
    await this.#stub(key).release(id);
  }

  async cancel(key: string, id: number): Promise<void> {
    await this.#stub(key).cancel(id);
  }

  async applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): Promise<void> {
    await this.#stub(key).applyFeedback(rule, feedback, now);
  }

  /** Several requests' ends on one scope (from HttpLimiterStore's `ended` field): one RPC, one transaction. */
  async applyEnded(key: string, rule: BucketRule, ended: EndedEntry[]): Promise<void> {
    await this.#stub(key).applyEnded(rule, ended);
  }

  async snapshot(key: string, rule: BucketRule, now: number): Promise<ScopeSnapshot> {
    return this.#stub(key).snapshot(rule, now);
  }

  /** A fresh stub per call: stubs are I/O objects bound to the request that made them (and cheap to make). */
  #stub(key: string): DurableObjectStub<LimiterObject> {
    return this.#ns.get(this.#ns.idFromName(key), this.#options);
  }
}
