import { flushMicrotasks, ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../errors/cts-error.ts';
import type { Permit, RequestDescriptor } from './gate.ts';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.ts';
import type { BucketRule } from './rules/types.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);

function seedLimiter(rule: Omit<BucketRule, 'per'>, options: RateLimiterOptions = {}) {
  const clock = new ManualClock({ start: T0 });
  const limiter = new RateLimiter({
    clock,
    profile: 'seed',
    rules: { seed: { bybit: { buckets: { seed: { per: 'account', ...rule } } } } },
    ...options,
  });
  return { clock, limiter };
}

const req = (extra: Partial<RequestDescriptor> = {}): RequestDescriptor => ({
  exchange: 'bybit',
  account: 'acct-1',
  method: 'GET',
  path: '/v5/account/wallet-balance',
  ...extra,
});

/** Follows a promise without awaiting it. */
function track<T>(promise: Promise<T>) {
  const t: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(t, { state: 'resolved', value }),
    (error) => Object.assign(t, { state: 'rejected', error }),
  );
  return t;
}

describe('RateLimiter', () => {
  it('admits at once under the limit and queues the rest until the window slides', async () => {
    const { clock, limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 2 }] });
    const calls = [0, 1, 2, 3].map(() => track(limiter.acquire(req())));
    await flushMicrotasks();
    expect(calls.map((c) => c.state)).toEqual(['resolved', 'resolved', 'pending', 'pending']);
    await clock.advance(999);
    expect(calls[2]!.state).toBe('pending');
    await clock.advance(1);
    expect(calls.map((c) => c.state)).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);
    expect(clock.pending).toBe(0);
  });

  it('serves higher priorities first and FIFO within a priority', async () => {
    const { clock, limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 1 }] });
    const order: string[] = [];
    const go = (name: string, priority: number) =>
      limiter.acquire(req({ priority })).then(() => order.push(name));
    void go('first', 0);
    void go('low-a', 0);
    void go('low-b', 0);
    void go('high-a', 5);
    void go('mid', 2);
    void go('high-b', 5);
    for (let i = 0; i < 6; i++) await clock.advance(1000);
    expect(order).toEqual(['first', 'high-a', 'high-b', 'mid', 'low-a', 'low-b']);
  });

  it('frees the queue position of a cancelled request and rejects it with aborted', async () => {
    const { clock, limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 1 }] });
    const first = track(limiter.acquire(req()));
    const ac = new AbortController();
    const cancelled = track(limiter.acquire(req({ signal: ac.signal })));
    const next = track(limiter.acquire(req()));
    await flushMicrotasks();
    ac.abort();
    await flushMicrotasks();
    expect(first.state).toBe('resolved');
    expect(cancelled.state).toBe('rejected');
    expect((cancelled.error as CtsError).code).toBe('aborted');
    await clock.advance(1000);
    expect(next.state).toBe('resolved');
    const pre = new AbortController();
    pre.abort();
    await expect(limiter.acquire(req({ signal: pre.signal }))).rejects.toMatchObject({ code: 'aborted' });
  });

  it('rejects with limiter.queue_full when the queue is at its bound', async () => {
    const { limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 1 }] }, { maxQueue: 2 });
    void limiter.acquire(req());
    void limiter.acquire(req()).catch(() => {});
    void limiter.acquire(req()).catch(() => {});
    await expect(limiter.acquire(req())).rejects.toMatchObject({ code: 'limiter.queue_full' });
  });

  it('rejects with limiter.max_wait when the wait would pass maxWaitMs', async () => {
    const { clock, limiter } = seedLimiter(
      { windows: [{ windowMs: 10_000, limit: 1 }] },
      { maxWaitMs: 3000 },
    );
    await limiter.acquire(req());
    const waiting = track(limiter.acquire(req()));
    await flushMicrotasks();
    expect(waiting.state).toBe('rejected'); // known at once: the slot frees at +10 s
    expect(waiting.error).toBeInstanceOf(CtsError);
    expect((waiting.error as CtsError).code).toBe('limiter.max_wait');
    expect((waiting.error as CtsError).retryAfterMs).toBe(10_000);
    expect(clock.pending).toBe(0);
  });

  it('waits for a released concurrency slot, without any time passing', async () => {
    const { clock, limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 100 }], concurrency: 2 });
    const a = await limiter.acquire(req());
    await limiter.acquire(req());
    const third = track(limiter.acquire(req()));
    await flushMicrotasks();
    expect(third.state).toBe('pending');
    a.release();
    a.release(); // idempotent
    await flushMicrotasks();
    expect(third.state).toBe('resolved');
    expect(clock.now()).toBe(T0);
    const fourth = track(limiter.acquire(req()));
    await flushMicrotasks();
    expect(fourth.state).toBe('pending');
  });

  it('pauses the scope during a ban; queued requests wait for its end instead of failing', async () => {
    const { clock, limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 100 }] });
    const p = await limiter.acquire(req());
    p.release({ status: 403, bannedUntil: T0 + 30_000 });
    const queued = [0, 1].map(() => track(limiter.acquire(req())));
    await clock.advance(29_999);
    expect(queued.map((q) => q.state)).toEqual(['pending', 'pending']);
    await clock.advance(1);
    expect(queued.map((q) => q.state)).toEqual(['resolved', 'resolved']);
    expect(await limiter.usage('bybit', 'acct-1')).toBe(2);
  });

  it("honours a 429's Retry-After on the exchange's throttle scope", async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock, profile: 'published' });
    const binance = (account: string) => req({ exchange: 'binance', account, path: '/api/v3/time' });
    const p = await limiter.acquire(binance('a'));
    p.release({ status: 429, rateLimited: true, retryAfterMs: 5000 });
    // Binance limits by IP: another account on the same IP waits too.
    const other = track(limiter.acquire(binance('b')));
    await clock.advance(4999);
    expect(other.state).toBe('pending');
    await clock.advance(1);
    expect(other.state).toBe('resolved');
  });

  it('raises its count to the used weight another process reports (X-MBX-USED-WEIGHT-1M)', async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock, profile: 'published' });
    const account = req({ exchange: 'binance', path: '/api/v3/account' }); // weight 20 of 6000/min
    const p = await limiter.acquire(account);
    p.release({
      status: 200,
      usage: [{ scope: 'ip', windowMs: 60_000, used: 5990, source: 'x-mbx-used-weight-1m' }],
    });
    expect(await limiter.usage('binance', 'acct-1')).toBeCloseTo((5990 / 6000) * 100);
    const next = track(limiter.acquire(account));
    await clock.advance(59_999);
    expect(next.state).toBe('pending');
    await clock.advance(1);
    expect(next.state).toBe('resolved');
  });

  it('lets Binance /api/v3/account (weight 20) run 300 times a minute, not the seed table’s 1,200', async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock, maxWaitMs: 120_000 });
    const times: number[] = [];
    const all = Array.from({ length: 400 }, () =>
      limiter.acquire(req({ exchange: 'binance', path: '/api/v3/account' })).then((permit) => {
        times.push(clock.now());
        permit.release();
      }),
    );
    await clock.advance(59_999);
    expect(times.length).toBe(300);
    await clock.advance(60_001);
    await Promise.all(all);
    expect(times.length).toBe(400);
  });

  it('applies the seed table too: Bybit wallet balance at 10/s although Bybit allows 50/s', async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock });
    let admitted = 0;
    for (let i = 0; i < 30; i++)
      void limiter.acquire(req()).then((p) => {
        admitted++;
        p.release();
      });
    await clock.advance(999);
    expect(admitted).toBe(10);
  });

  it('reports per-scope metrics and the usage of one connection', async () => {
    const { limiter } = seedLimiter({
      windows: [
        { windowMs: 1000, limit: 4 },
        { windowMs: 60_000, limit: 100 },
      ],
    });
    await limiter.acquire(req());
    await limiter.acquire(req());
    const m = await limiter.metrics();
    expect(m.scopes).toHaveLength(1);
    expect(m.scopes[0]).toMatchObject({
      exchange: 'bybit',
      profile: 'seed',
      bucket: 'seed',
      per: 'account',
      subject: 'acct-1',
      usagePercent: 50,
      inFlight: 0,
    });
    expect(m.scopes[0]!.windows.map((w) => w.percent)).toEqual([50, 2]);
    expect(m.queues[0]).toMatchObject({ exchange: 'bybit', account: 'acct-1', admitted: 2, queued: 0 });
    expect(await limiter.usage('bybit', 'acct-1')).toBe(50);
    expect(await limiter.usage('bybit', 'nobody')).toBe(0);
  });

  it('takes per-connection overrides', async () => {
    const { limiter } = seedLimiter({ windows: [{ windowMs: 1000, limit: 1 }] });
    limiter.setAccountRules('bybit', 'vip', {
      seed: { buckets: { seed: { per: 'account', windows: [{ windowMs: 1000, limit: 3 }] } } },
    });
    const vip = [0, 1, 2].map(() => track(limiter.acquire(req({ account: 'vip' }))));
    const plain = [0, 1].map(() => track(limiter.acquire(req())));
    await flushMicrotasks();
    expect(vip.every((v) => v.state === 'resolved')).toBe(true);
    expect(plain.map((p) => p.state)).toEqual(['resolved', 'pending']);
    expect(() =>
      limiter.setAccountRules('bybit', 'x', {
        seed: { buckets: { seed: null }, routes: { '': { seed: 1 } } },
      }),
    ).toThrow(/accountRules\.bybit\.seed\.routes\[""\]\.seed: unknown scope/);
  });

  it('works over an asynchronous store (every call a promise)', async () => {
    const { MemoryLimiterStore } = await import('./memory-store.ts');
    const inner = new MemoryLimiterStore();
    const store = {
      reserve: async (...a: Parameters<typeof inner.reserve>) => inner.reserve(...a),
      release: async (...a: Parameters<typeof inner.release>) => inner.release(...a),
      cancel: async (...a: Parameters<typeof inner.cancel>) => inner.cancel(...a),
      applyFeedback: async (...a: Parameters<typeof inner.applyFeedback>) => inner.applyFeedback(...a),
      snapshot: async (...a: Parameters<typeof inner.snapshot>) => inner.snapshot(...a),
    };
    const { clock, limiter } = seedLimiter(
      { windows: [{ windowMs: 1000, limit: 2 }], concurrency: 1 },
      { store, recheckMs: 100 },
    );
    const first = track(limiter.acquire(req()));
    const second = track(limiter.acquire(req()));
    await flushMicrotasks();
    expect([first.state, second.state]).toEqual(['resolved', 'pending']);
    (first.value as Permit).release();
    await clock.advance(100);
    expect(second.state).toBe('resolved');
  });
});

describe('RateLimiter options', () => {
  it.each([
    [
      {
        rules: {
          seed: { bybit: { buckets: { seed: { per: 'account', windows: [{ windowMs: 1000, limit: 0 }] } } } },
        },
      },
      /rules\.seed\.bybit\.buckets\.seed\.windows\[0\]\.limit: must be > 0/,
    ],
    [
      {
        rules: {
          published: {
            okx: { buckets: { balance: { per: 'account', windows: [{ windowMs: -5, limit: 3 }] } } },
          },
        },
      },
      /rules\.published\.okx\.buckets\.balance\.windows\[0\]\.windowMs/,
    ],
    [
      {
        rules: {
          published: {
            okx: { buckets: { balance: { per: 'planet', windows: [{ windowMs: 1000, limit: 3 }] } } },
          },
        },
      },
      /rules\.published\.okx\.buckets\.balance\.per: unknown scope "planet"/,
    ],
    [
      { rules: { published: { okx: { endpoints: { 'GET /x': { nowhere: 1 } } } } } },
      /rules\.published\.okx\.endpoints\["GET \/x"\]\.nowhere: unknown scope/,
    ],
    [
      {
        rules: {
          seed: {
            bybit: {
              buckets: { seed: { per: 'account', windows: [{ windowMs: 1000, limit: 5 }], concurrency: -1 } },
            },
          },
        },
      },
      /concurrency: must be a positive integer/,
    ],
    [{ rules: { cosmic: {} } }, /rules\.cosmic: unknown profile/],
    [{ rules: { seed: { kraken: {} } } }, /rules\.seed\.kraken: unknown exchange/],
    [{ profile: 'strict' }, /profile: expected both, seed or published/],
    [{ maxQueue: -1 }, /maxQueue/],
    [{ maxWaitMs: Number.NaN }, /maxWaitMs/],
  ])('throws a TypeError naming the rule (%#)', (options, message) => {
    expect(() => new RateLimiter(options as RateLimiterOptions)).toThrow(TypeError);
    expect(() => new RateLimiter(options as RateLimiterOptions)).toThrow(message);
  });

  it('rejects a request for an unknown exchange, or with a priority that is not a number, with a TypeError', async () => {
    const limiter = new RateLimiter();
    await expect(limiter.acquire(req({ exchange: 'kraken' as 'bybit' }))).rejects.toThrow(TypeError);
    await expect(limiter.acquire(req({ priority: Number.NaN }))).rejects.toThrow(/priority/);
  });
});

describe('RateLimiter across queues', () => {
  it('does not let a newcomer on a shared scope jump ahead of a queue already waiting on it', async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({
      clock,
      profile: 'published',
      rules: {
        published: { binance: { buckets: { ip: { per: 'ip', windows: [{ windowMs: 1000, limit: 20 }] } } } },
      },
    });
    const binance = (account: string) => req({ exchange: 'binance', account, path: '/api/v3/account' }); // weight 20
    const order: string[] = [];
    await limiter.acquire(binance('a'));
    void limiter.acquire(binance('a')).then(() => order.push('a-2'));
    await flushMicrotasks();
    clock.set(T0 + 1000); // the slot is free, but a's queue has not woken yet
    void limiter.acquire(binance('b')).then(() => order.push('b-1'));
    await clock.advance(0);
    expect(order).toEqual(['a-2']);
    await clock.advance(1000);
    expect(order).toEqual(['a-2', 'b-1']);
  });
});

describe('RateLimiter feedback routing', () => {
  it("does not feed the exchange's weight counts into the seed table's request counts", async () => {
    const clock = new ManualClock({ start: T0 });
    const limiter = new RateLimiter({ clock });
    const sapi = req({ exchange: 'binance', path: '/sapi/v1/account/apiRestrictions' });
    const p = await limiter.acquire(sapi);
    p.release({
      status: 200,
      usage: [
        { scope: 'account', windowMs: 60_000, used: 5000, source: 'X-SAPI-USED-UID-WEIGHT-1M' },
        { scope: 'ip', windowMs: 60_000, used: 600, source: 'X-SAPI-USED-IP-WEIGHT-1M' },
      ],
    });
    const { scopes } = await limiter.metrics();
    const seed = scopes.find((s) => s.profile === 'seed')!;
    const sapiIp = scopes.find((s) => s.bucket === 'sapiIp')!;
    expect(seed.windows.map((w) => w.used)).toEqual([1, 1]);
    expect(sapiIp.windows[0]!.used).toBe(600);
    expect(sapiIp.endpoint).toBe('GET /sapi/v1/account/apiRestrictions');
  });
});
