import { CtsError } from '../errors/cts-error.ts';
import { type ExchangeId, isExchangeId } from '../exchanges/catalog.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { type Logger, noopLogger } from '../ports/logger.ts';
import { scopeFeedback } from './feedback.ts';
import type { LimitFeedback, Permit, RequestDescriptor, RequestGate } from './gate.ts';
import { Lane, type Waiter } from './lane.ts';
import { MemoryLimiterStore } from './memory-store.ts';
import { type LimiterMetrics, type QueueMetrics, type ScopeMetrics, scopeMetrics } from './metrics.ts';
import { LimiterPermit } from './permit.ts';
import { compilePlan, type Plan, type PlanEntry } from './plan.ts';
import { cancelPlan, type Refusal, reservePlan } from './reserve-plan.ts';
import { type AccountRulesOverride, buildTables, connectionRules, profilesOf } from './rule-tables.ts';
import type { ExchangeRules, Profile, RulesOverride } from './rules/types.ts';
import { ScopeTurns } from './scope-turns.ts';
import { isPromise, type LimiterStore, type MaybePromise } from './store.ts';

export interface RateLimiterOptions {
  /** Which rule sets apply; with 'both' a request must satisfy each. @default 'both' */
  profile?: 'both' | Profile;
  /** Deployment overrides per profile and exchange (see ExchangeRulesPatch). @default none */
  rules?: RulesOverride;
  /** @default new MemoryLimiterStore() */
  store?: LimiterStore;
  /** @default systemClock */
  clock?: Clock;
  /** Requests that may wait per (exchange, ip, account); beyond it acquire rejects with limiter.queue_full. @default 1000 */
  maxQueue?: number;
  /** Longest a request waits for its permit before rejecting with limiter.max_wait. @default 60000 */
  maxWaitMs?: number;
  /** With a shared store, how often a request blocked on concurrency asks again. @default 1000 */
  recheckMs?: number;
  /** @default noopLogger */
  logger?: Logger;
}

/**
 * The request gate: sliding-window limits per (exchange, ip), (exchange, account) and endpoint, concurrency caps,
 * a priority queue per connection with cancellation, a bound and a maximum wait, and feedback from the exchange
 * (usage headers, 429s, bans). State lives behind a LimiterStore.
 *
 * @example
 * const limiter = new RateLimiter({ maxWaitMs: 30_000 });
 * const permit = await limiter.acquire({ exchange: 'binance', account: 'conn-1', method: 'GET', path: '/api/v3/account' });
 * try { … } finally { permit.release({ status: 200, usage }) }
 * limiter.usage('binance', 'conn-1'); // 0..100
 */
export class RateLimiter implements RequestGate {
  readonly #store: LimiterStore;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #maxQueue: number;
  readonly #maxWaitMs: number;
  readonly #recheckMs: number;
  readonly #sync: boolean;
  readonly #profiles: Profile[];
  readonly #tables: Record<Profile, Partial<Record<ExchangeId, ExchangeRules>>>;
  readonly #accountRules = new Map<string, AccountRulesOverride>();
  /** Queues by exchange, ip, account (nested: no string building on the hot path). */
  readonly #lanes = new Map<string, Map<string, Map<string, Lane>>>();
  readonly #laneList: Lane[] = [];
  readonly #releaseWaiters = new Map<string, Set<Lane>>();
  readonly #turns = new ScopeTurns();
  readonly #scopes = new Map<string, { entry: PlanEntry; exchange: string; refusals: number }>();

  constructor(options: RateLimiterOptions = {}) {
    this.#profiles = profilesOf(options.profile ?? 'both');
    this.#tables = buildTables(this.#profiles, options.rules);
    this.#store = options.store ?? new MemoryLimiterStore();
    this.#sync = this.#store instanceof MemoryLimiterStore || this.#store.synchronous === true;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? noopLogger;
    this.#maxQueue = options.maxQueue ?? 1000;
    if (!Number.isInteger(this.#maxQueue) || this.#maxQueue < 0)
      throw new TypeError(`maxQueue: must be an integer >= 0, got ${options.maxQueue}`);
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
    if (!Number.isFinite(this.#maxWaitMs) || this.#maxWaitMs < 0)
      throw new TypeError(`maxWaitMs: must be a finite number >= 0, got ${options.maxWaitMs}`);
    this.#recheckMs = options.recheckMs ?? 1000;
    if (!(this.#recheckMs > 0)) throw new TypeError(`recheckMs: must be > 0, got ${options.recheckMs}`);
  }

  /** Replaces one connection's override of the rules (undefined removes it). Throws a TypeError on invalid rules. */
  setAccountRules(exchange: ExchangeId, account: string, override: AccountRulesOverride | undefined): void {
    if (!isExchangeId(exchange))
      throw new TypeError(`exchange: unknown exchange ${JSON.stringify(exchange)}`);
    connectionRules(this.#tables, this.#profiles, exchange, override, `accountRules.${exchange}`); // validates
    const key = `${exchange}\u0000${account}`;
    if (override) this.#accountRules.set(key, override);
    else this.#accountRules.delete(key);
    for (const lane of this.#laneList)
      if (lane.exchange === exchange && lane.account === account) lane.plans.clear();
  }

  acquire(request: RequestDescriptor): Promise<Permit> {
    let lane: Lane;
    let plan: Plan;
    try {
      lane = this.#lane(request);
      plan = this.#plan(lane, request);
      if (request.priority !== undefined && !Number.isFinite(request.priority))
        throw new TypeError(`priority: must be a finite number, got ${request.priority}`);
    } catch (err) {
      return Promise.reject(err);
    }
    const signal = request.signal;
    if (signal?.aborted) {
      lane.stats.aborted++;
      return Promise.reject(abortError(signal));
    }
    const now = this.#clock.now();
    if (
      this.#sync &&
      lane.size === 0 &&
      !lane.pumping &&
      this.#turns.blocker(plan.entries, undefined) === undefined
    ) {
      let r: number[] | Refusal;
      try {
        r = this.#reserve(plan, now) as number[] | Refusal;
      } catch (err) {
        return Promise.reject(err);
      }
      if (Array.isArray(r)) {
        lane.stats.admitted++;
        return Promise.resolve(new LimiterPermit(this.#settle, plan, r, now));
      }
    }
    if (lane.size >= this.#maxQueue) {
      lane.stats.queueFull++;
      return Promise.reject(
        new CtsError(
          'limiter.queue_full',
          `${request.exchange}: ${lane.size} requests already wait for account ${lane.account}`,
          { context: { exchange: request.exchange, account: lane.account, maxQueue: this.#maxQueue } },
        ),
      );
    }
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        plan,
        priority: request.priority ?? 0,
        enqueuedAt: now,
        deadline: now + this.#maxWaitMs,
        resolve,
        reject,
        signal,
        done: false,
      };
      if (signal) {
        waiter.onAbort = () => {
          if (waiter.done) return;
          waiter.done = true;
          lane.remove(waiter);
          lane.stats.aborted++;
          reject(abortError(signal));
          lane.kick();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      const isHead = lane.push(waiter);
      if (!lane.pumping) void this.#pump(lane);
      else if (isHead) lane.kick();
    });
  }

  /** Per-scope usage (every window, in flight, paused until, refusals) and per-queue statistics. */
  async metrics(): Promise<LimiterMetrics> {
    const now = this.#clock.now();
    const scopes: ScopeMetrics[] = [];
    for (const { entry, exchange, refusals } of this.#scopes.values()) {
      const snap = await this.#store.snapshot(entry.key, entry.rule, now);
      scopes.push(scopeMetrics(entry, exchange, snap, refusals, now));
    }
    const queues: QueueMetrics[] = this.#laneList.map((lane) => ({
      exchange: lane.exchange,
      ip: lane.ip,
      account: lane.account,
      queued: lane.size,
      ...lane.stats,
      averageWaitMs: lane.stats.waited > 0 ? lane.stats.totalWaitMs / lane.stats.waited : 0,
    }));
    return { at: now, scopes, queues };
  }

  /** How full one connection's tightest scope is (its own and the IP's it shares), 0..100. */
  async usage(exchange: ExchangeId, account: string): Promise<number> {
    const now = this.#clock.now();
    const entries = new Map<string, PlanEntry>();
    for (const lane of this.#laneList) {
      if (lane.exchange !== exchange || lane.account !== account) continue;
      for (const plan of lane.allPlans()) for (const e of plan.entries) entries.set(e.key, e);
    }
    let max = 0;
    for (const e of entries.values()) {
      const snap = await this.#store.snapshot(e.key, e.rule, now);
      max = Math.max(max, scopeMetrics(e, exchange, snap, 0, now).usagePercent);
    }
    return max;
  }

  #lane(request: RequestDescriptor): Lane {
    const ip = request.ip ?? 'default';
    const byIp = this.#lanes.get(request.exchange);
    const byAccount = byIp?.get(ip);
    const lane = byAccount?.get(request.account);
    if (lane) return lane;
    if (!isExchangeId(request.exchange))
      throw new TypeError(`exchange: unknown exchange ${JSON.stringify(request.exchange)}`);
    if (typeof request.account !== 'string' || request.account === '')
      throw new TypeError('account: must be a non-empty string');
    const created = new Lane(request.exchange, ip, request.account);
    const ips = byIp ?? new Map<string, Map<string, Lane>>();
    const accounts = byAccount ?? new Map<string, Lane>();
    this.#lanes.set(request.exchange, ips);
    ips.set(ip, accounts);
    accounts.set(request.account, created);
    this.#laneList.push(created);
    return created;
  }

  #plan(lane: Lane, request: RequestDescriptor): Plan {
    let plan = lane.plan(request.method, request.path);
    if (!plan) {
      const exchange = lane.exchange as ExchangeId;
      const override = this.#accountRules.get(`${exchange}\u0000${lane.account}`);
      const profiles = connectionRules(this.#tables, this.#profiles, exchange, override);
      plan = compilePlan(
        { exchange, ip: lane.ip, account: lane.account, method: request.method, path: request.path },
        profiles,
      );
      lane.setPlan(request.method, request.path, plan);
      for (const entry of plan.entries) {
        const known = this.#scopes.get(entry.key);
        if (known) known.entry = entry;
        else this.#scopes.set(entry.key, { entry, exchange, refusals: 0 });
      }
    }
    return plan;
  }

  #reserve(plan: Plan, now: number): MaybePromise<number[] | Refusal> {
    return reservePlan(this.#store, plan, now, this.#countRefusal);
  }

  readonly #countRefusal = (key: string): void => {
    const scope = this.#scopes.get(key);
    if (scope) scope.refusals++;
  };

  /**
   * Ends a permit: frees concurrency slots, applies the exchange's feedback, wakes queues waiting on a slot. With
   * an in-process store the request's cost also moves to its end: the exchange counted it somewhere between the
   * permit and the reply, so counting from the reply on keeps us inside its windows whatever the network did.
   * A remote store is told only when it batches ends (`batchesEnded`, HttpLimiterStore): not one more round trip
   * per scope and request. Other remote stores count from the permit.
   */
  readonly #settle = (
    plan: Plan,
    ids: readonly number[],
    admittedAt: number,
    feedback: LimitFeedback | undefined,
  ): void => {
    const { entries } = plan;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.rule.concurrency === undefined) continue;
      const r = this.#store.release(e.key, ids[i]!);
      if (isPromise(r))
        r.then(
          () => this.#wakeOn(e.key),
          (err) => this.#storeFailed('release', err),
        );
      else this.#wakeOn(e.key);
    }
    const now = this.#clock.now();
    const retime = (this.#sync || this.#store.batchesEnded === true) && now > admittedAt;
    if (!feedback && !retime) return;
    const perScope = feedback ? scopeFeedback(plan, feedback, now) : entries.map(() => undefined);
    for (let i = 0; i < entries.length; i++) {
      let f = perScope[i];
      if (retime) f = { ...f, ended: { id: ids[i]!, cost: entries[i]!.cost } };
      if (!f) continue;
      const r = this.#store.applyFeedback(entries[i]!.key, entries[i]!.rule, f, now);
      if (isPromise(r)) r.catch((err) => this.#storeFailed('applyFeedback', err));
    }
  };

  #wakeOn(key: string): void {
    const lanes = this.#releaseWaiters.get(key);
    if (!lanes) return;
    this.#releaseWaiters.delete(key);
    for (const lane of lanes) lane.kick();
  }

  #storeFailed(operation: string, err: unknown): void {
    this.#logger.warn('limiter store call failed', {
      operation,
      error: err instanceof Error ? err.message : String(err),
    });
  }

  /**
   * Drives one queue: admits its head when the store allows, else sleeps until it may, until a slot is released,
   * or until its turn on a scope other queues wait on comes (kick).
   */
  async #pump(lane: Lane): Promise<void> {
    lane.pumping = true;
    try {
      for (;;) {
        const head = lane.peek();
        if (!head) return;
        let now = this.#clock.now();
        let key = this.#turns.blocker(head.plan.entries, lane);
        let retryAt: number | null = null;
        if (key === undefined) {
          let result: number[] | Refusal;
          try {
            const r = this.#reserve(head.plan, now);
            result = isPromise(r) ? await r : r;
          } catch (err) {
            if (!head.done) this.#finish(lane, head, err);
            continue;
          }
          if (head.done) {
            // Aborted while the store answered: undo what was reserved.
            lane.remove(head);
            if (Array.isArray(result)) await cancelPlan(this.#store, head.plan, result);
            continue;
          }
          now = this.#clock.now();
          if (Array.isArray(result)) {
            this.#turns.leave(lane);
            this.#admit(lane, head, result, now);
            continue;
          }
          ({ key, retryAt } = result);
          if (retryAt === null) {
            const lanes = this.#releaseWaiters.get(key) ?? new Set<Lane>();
            this.#releaseWaiters.set(key, lanes);
            lanes.add(lane);
          }
        }
        if (head.deadline <= now || (retryAt !== null && retryAt > head.deadline)) {
          this.#finish(lane, head, maxWaitError(lane, this.#maxWaitMs, retryAt, now));
          continue;
        }
        for (const w of lane.takeExpired(now, head))
          this.#finish(lane, w, maxWaitError(lane, this.#maxWaitMs, null, now));
        this.#turns.wait(key, lane);
        let wakeAt = Math.min(retryAt ?? Number.POSITIVE_INFINITY, lane.earliestDeadline());
        // Slots held by other processes sharing the store free without telling us: ask again now and then.
        if (retryAt === null && !this.#sync && this.#releaseWaiters.get(key)?.has(lane))
          wakeAt = Math.min(wakeAt, now + this.#recheckMs);
        await lane.sleep(this.#clock, wakeAt - now);
      }
    } finally {
      lane.pumping = false;
      this.#turns.leave(lane);
    }
  }

  #admit(lane: Lane, waiter: Waiter, ids: number[], now: number): void {
    lane.remove(waiter);
    waiter.done = true;
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    const waited = now - waiter.enqueuedAt;
    const s = lane.stats;
    s.admitted++;
    s.waited++;
    s.totalWaitMs += waited;
    if (waited > s.longestWaitMs) s.longestWaitMs = waited;
    waiter.resolve(new LimiterPermit(this.#settle, waiter.plan, ids, now));
  }

  #finish(lane: Lane, waiter: Waiter, error: unknown): void {
    lane.remove(waiter);
    waiter.done = true;
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    if (error instanceof CtsError && error.code === 'limiter.max_wait') lane.stats.maxWait++;
    waiter.reject(error);
  }
}

function abortError(signal: AbortSignal): CtsError {
  return new CtsError('aborted', 'The request was cancelled while waiting for a rate-limit slot', {
    cause: signal.reason,
  });
}

function maxWaitError(lane: Lane, maxWaitMs: number, retryAt: number | null, now: number): CtsError {
  return new CtsError(
    'limiter.max_wait',
    `${lane.exchange}: no rate-limit slot for account ${lane.account} within ${maxWaitMs} ms`,
    {
      retryAfterMs: retryAt === null ? undefined : Math.max(0, retryAt - now),
      context: { exchange: lane.exchange, account: lane.account, maxWaitMs },
    },
  );
}
