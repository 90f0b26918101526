import { CtsError } from '../errors/cts-error.ts';
import { type FetchLike, globalFetch } from '../ports/fetch.ts';
import type { BucketRule } from './rules/types.ts';
import type { LimiterStore, Reservation, ScopeFeedback, ScopeSnapshot } from './store.ts';

export interface HttpLimiterStoreOptions {
  /** Base URL of the CTS Worker (`https://cts.example.workers.dev`); calls go to `<url>/limiter/<operation>`. */
  url: string;
  /** The shared secret (the Worker's CTS_LIMITER_SECRET), sent as `Authorization: Bearer …`. At least 32 characters. */
  secret: string;
  /** @default the global fetch */
  fetch?: FetchLike;
  /** Longest wait for one answer before failing with a `timeout` CtsError. @default 5000 */
  timeoutMs?: number;
  /** Prefixed to every scope key, so several fleets can share one Worker without sharing limits. @default '' */
  namespace?: string;
  /**
   * How long a request's end (`ended`, its cost counted from its reply) may wait for the next call on its scope
   * before it is sent on its own. Other processes see the re-timed entry at most this late; below a window minus a
   * round trip, they see it before the entry's permit time would have let it leave the window. @default 200
   */
  endedFlushMs?: number;
  /** Runs the flush timer. @default setTimeout */
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** A request's end on the wire: reservation `id` of `cost` ended at `at` (epoch ms); it counts from `at` on. */
export interface EndedEntry {
  id: number;
  cost: number;
  at: number;
}

/** Most ends one call carries (the Worker refuses more). */
export const MAX_ENDED_PER_CALL = 256;

/** The operations of the wire protocol: POST `/limiter/<op>` with a JSON body; the answer is JSON. */
export const LIMITER_HTTP_OPERATIONS = ['reserve', 'release', 'cancel', 'feedback', 'snapshot'] as const;
export type LimiterHttpOperation = (typeof LIMITER_HTTP_OPERATIONS)[number];

/**
 * A LimiterStore kept by a CTS Worker (a Durable Object per scope) and reached over HTTP, so several Node/Bun/Deno
 * processes — and the Worker itself — share one count per exchange IP or account. Every call is one request; the
 * Worker answers `400 {error:{code:'range'}}` for a cost above a window's limit, thrown here as a RangeError.
 * Requests' ends (ScopeFeedback.ended) cost no request of their own: they ride, as `ended: [{id, cost, at}]`, on the
 * next reserve, feedback or snapshot of their scope, or go in one feedback call per scope after `endedFlushMs`.
 *
 * @example
 * const store = new HttpLimiterStore({ url: 'https://cts.example.workers.dev', secret: env.CTS_LIMITER_SECRET });
 * const limiter = new RateLimiter({ store });
 */
export class HttpLimiterStore implements LimiterStore {
  readonly synchronous = false;
  readonly #base: string;
  readonly #auth: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #namespace: string;
  readonly batchesEnded = true;
  readonly #flushMs: number;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  /** Ends not yet sent, per (un-namespaced) key, with the key's rule. */
  readonly #ended = new Map<string, { rule: BucketRule; entries: EndedEntry[] }>();
  #timerSet = false;

  constructor(options: HttpLimiterStoreOptions) {
    if (typeof options?.url !== 'string' || !/^https?:\/\//.test(options.url))
      throw new TypeError('url: must be an http(s) URL');
    if (typeof options.secret !== 'string' || options.secret.length < 32)
      throw new TypeError('secret: must be a string of at least 32 characters');
    this.#timeoutMs = options.timeoutMs ?? 5000;
    if (!(this.#timeoutMs > 0) || !Number.isFinite(this.#timeoutMs))
      throw new TypeError('timeoutMs: must be a positive finite number');
    this.#base = options.url.replace(/\/+$/, '');
    this.#auth = `Bearer ${options.secret}`;
    this.#fetch = options.fetch ?? globalFetch;
    this.#namespace = options.namespace ? `${options.namespace}:` : '';
    this.#flushMs = options.endedFlushMs ?? 200;
    if (!(this.#flushMs >= 0) || !Number.isFinite(this.#flushMs))
      throw new TypeError('endedFlushMs: must be a finite number >= 0');
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  reserve(key: string, rule: BucketRule, cost: number, now: number): Promise<Reservation> {
    return this.#call('reserve', { key: this.#namespace + key, rule, cost, now, ...this.#takeEnded(key) });
  }

  async release(key: string, id: number): Promise<void> {
    await this.#call('release', { key: this.#namespace + key, id });
  }

  async cancel(key: string, id: number): Promise<void> {
    await this.#call('cancel', { key: this.#namespace + key, id });
  }

  async applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): Promise<void> {
    const { ended, ...rest } = feedback;
    if (ended) this.#queueEnded(key, rule, { id: ended.id, cost: ended.cost, at: now });
    if (ended && rest.blockUntil === undefined && rest.usage === undefined) return;
    await this.#call('feedback', {
      key: this.#namespace + key,
      rule,
      feedback: rest,
      now,
      ...this.#takeEnded(key),
    });
  }

  snapshot(key: string, rule: BucketRule, now: number): Promise<ScopeSnapshot> {
    return this.#call('snapshot', { key: this.#namespace + key, rule, now, ...this.#takeEnded(key) });
  }

  /** Sends every queued end now (one feedback call per scope). Resolves when they are answered. */
  async flushEnded(): Promise<void> {
    this.#timerSet = false;
    const sends: Promise<unknown>[] = [];
    for (const [key, { rule }] of this.#ended) {
      const body = { key: this.#namespace + key, rule, feedback: {}, now: 0, ...this.#takeEnded(key) };
      body.now = body.ended?.at(-1)?.at ?? 0;
      sends.push(this.#call('feedback', body));
    }
    // A lost end leaves its entry counted from its permit (the behaviour without ends): not worth failing for.
    await Promise.allSettled(sends);
  }

  /** Ends still to send, over all scopes. */
  get pendingEnded(): number {
    let n = 0;
    for (const { entries } of this.#ended.values()) n += entries.length;
    return n;
  }

  #queueEnded(key: string, rule: BucketRule, entry: EndedEntry): void {
    const queued = this.#ended.get(key) ?? { rule, entries: [] };
    queued.rule = rule;
    queued.entries.push(entry);
    this.#ended.set(key, queued);
    if (queued.entries.length >= MAX_ENDED_PER_CALL || this.#flushMs === 0) {
      void this.flushEnded();
      return;
    }
    if (this.#timerSet) return;
    this.#timerSet = true;
    this.#setTimer(() => void this.flushEnded(), this.#flushMs);
  }

  /** The queued ends of `key`, as the body field of the call that takes them (none: no field). */
  #takeEnded(key: string): { ended?: EndedEntry[] } {
    const queued = this.#ended.get(key);
    if (!queued) return {};
    this.#ended.delete(key);
    return { ended: queued.entries };
  }

  async #call<T>(op: LimiterHttpOperation, body: unknown): Promise<T> {
    const url = `${this.#base}/limiter/${op}`;
    let res: Response;
    try {
      res = await this.#fetch(url, {
        method: 'POST',
        headers: { authorization: this.#auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'manual', // the secret goes to CTS_LIMITER_URL only
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new CtsError(
        timedOut ? 'timeout' : 'network',
        `shared limiter ${op}: ${timedOut ? `no answer within ${this.#timeoutMs} ms` : 'unreachable'}`,
        { hint: 'Check CTS_LIMITER_URL and that the CTS Worker is deployed and reachable.', cause: err },
      );
    }
    const text = await res.text();
    let json: { error?: { code?: string; message?: string } } & Record<string, unknown>;
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    if (res.ok) return json as T;
    const message = String(json.error?.message ?? `HTTP ${res.status}`);
    if (res.status === 400 && json.error?.code === 'range') throw new RangeError(message);
    if (res.status === 400) throw new TypeError(`shared limiter ${op}: ${message}`);
    throw new CtsError('network', `shared limiter ${op}: HTTP ${res.status}`, {
      status: res.status,
      retryable: res.status >= 500,
      hint:
        res.status === 401
          ? 'The Worker refused the shared secret: set the same CTS_LIMITER_SECRET on both sides.'
          : 'The shared limiter (CTS Worker) failed: see its logs.',
    });
  }
}
