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
}

/** The operations of the wire protocol: POST `/limiter/<op>` with a JSON body; the answer is JSON. */
export const LIMITER_HTTP_OPERATIONS = ['reserve', 'release', 'cancel', 'feedback', 'snapshot'] as const;
export type LimiterHttpOperation = (typeof LIMITER_HTTP_OPERATIONS)[number];

/**
 * A LimiterStore kept by a CTS Worker (a Durable Object per scope) and reached over HTTP, so several Node/Bun/Deno
 * processes — and the Worker itself — share one count per exchange IP or account. Every call is one request; the
 * Worker answers `400 {error:{code:'range'}}` for a cost above a window's limit, thrown here as a RangeError.
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
  }

  reserve(key: string, rule: BucketRule, cost: number, now: number): Promise<Reservation> {
    return this.#call('reserve', { key: this.#namespace + key, rule, cost, now });
  }

  async release(key: string, id: number): Promise<void> {
    await this.#call('release', { key: this.#namespace + key, id });
  }

  async cancel(key: string, id: number): Promise<void> {
    await this.#call('cancel', { key: this.#namespace + key, id });
  }

  async applyFeedback(key: string, rule: BucketRule, feedback: ScopeFeedback, now: number): Promise<void> {
    await this.#call('feedback', { key: this.#namespace + key, rule, feedback, now });
  }

  snapshot(key: string, rule: BucketRule, now: number): Promise<ScopeSnapshot> {
    return this.#call('snapshot', { key: this.#namespace + key, rule, now });
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
