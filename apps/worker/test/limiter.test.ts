import { randomUUID } from 'node:crypto';
import { type BucketRule, CtsError, HttpLimiterStore } from '@cts/core';
import { limiterStoreContract } from '@cts/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerUnderTest } from './harness.ts';

let w: WorkerUnderTest;
beforeAll(async () => {
  w = await startWorker();
});
afterAll(() => w?.close());

/** Each store gets its own namespace, so its scopes are fresh Durable Objects. */
const store = (secret = w.limiterSecret) =>
  new HttpLimiterStore({ url: w.url, secret, namespace: randomUUID() });

// HttpLimiterStore (Node) → /limiter/* (workerd) → DurableObjectLimiterStore → LimiterObject (SQLite).
limiterStoreContract('DurableObjectLimiterStore (through /limiter/* in workerd)', () => store());

describe('LimiterObject under concurrency', () => {
  it('admits exactly the limit when 200 acquires arrive in parallel as separate requests', async () => {
    const s = store();
    const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 60_000, limit: 37 }], concurrency: 100 };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => s.reserve('binance:ip', rule, 1, now)),
    );
    const admitted = results.filter((r) => r.ok);
    expect(admitted).toHaveLength(37);
    expect(new Set(admitted.map((r) => (r.ok ? r.id : 0))).size).toBe(37);
    expect((await s.snapshot('binance:ip', rule, now)).windows[0]!.used).toBe(37);
  });
});

describe('LimiterObject slot leases', () => {
  it('frees a concurrency slot never released (a crashed server) after SLOT_LEASE_MS', async () => {
    const s = store();
    const rule: BucketRule = { per: 'account', windows: [{ windowMs: 1000, limit: 100 }], concurrency: 1 };
    const t = Date.now();
    expect((await s.reserve('bingx:acct', rule, 1, t)).ok).toBe(true); // never released
    expect(await s.reserve('bingx:acct', rule, 1, t + 299_999)).toEqual({ ok: false, retryAt: null });
    expect((await s.reserve('bingx:acct', rule, 1, t + 300_000)).ok).toBe(true);
    expect((await s.snapshot('bingx:acct', rule, t + 300_000)).inFlight).toBe(1);
  });
});

describe("requests' ends through /limiter/* (ScopeFeedback.ended, count-from-reply)", () => {
  const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 2 }] };

  it('a flushed end re-counts the request from its reply for every process sharing the scope', async () => {
    const namespace = randomUUID();
    // Process A holds its ends until it flushes (no timer here); process B only reads and reserves.
    const a = new HttpLimiterStore({ url: w.url, secret: w.limiterSecret, namespace, setTimer: () => {} });
    const b = new HttpLimiterStore({ url: w.url, secret: w.limiterSecret, namespace });
    const t = Date.now();
    const first = await a.reserve('pionex:ip', rule, 1, t);
    expect((await a.reserve('pionex:ip', rule, 1, t + 100)).ok).toBe(true);
    if (!first.ok) throw new Error('first reservation refused');
    await a.applyFeedback('pionex:ip', rule, { ended: { id: first.id, cost: 1 } }, t + 600);
    expect(a.pendingEnded).toBe(1);
    // Not told yet: the Durable Object still counts the first request from its permit (gone at t + 1000).
    expect((await b.snapshot('pionex:ip', rule, t + 1000)).windows[0]!.used).toBe(1);
    await a.flushEnded();
    expect(a.pendingEnded).toBe(0);
    expect((await b.snapshot('pionex:ip', rule, t + 1000)).windows[0]!.used).toBe(2);
    expect(await b.reserve('pionex:ip', rule, 1, t + 1000)).toEqual({ ok: false, retryAt: t + 1100 });
    expect((await b.reserve('pionex:ip', rule, 1, t + 1100)).ok).toBe(true);
    expect(await b.reserve('pionex:ip', rule, 1, t + 1200)).toEqual({ ok: false, retryAt: t + 1600 });
  });

  it('refuses a malformed ended field with 400 and applies none of it', async () => {
    const auth = { authorization: `Bearer ${w.limiterSecret}`, 'content-type': 'application/json' };
    const key = `${randomUUID()}:ip`;
    const post = (ended: unknown) =>
      fetch(`${w.url}/limiter/reserve`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ key, rule, cost: 1, now: 0, ended }),
      });
    for (const bad of [
      {},
      [{ id: -1, cost: 1, at: 0 }],
      [{ id: 1, cost: 'x', at: 0 }],
      Array(257).fill({ id: 1, cost: 1, at: 0 }),
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad).slice(0, 40)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
    }
  });
});

describe('/limiter/* security', () => {
  it('refuses a wrong or missing secret with 401, and bad input with 400', async () => {
    const wrong = store('x'.repeat(64));
    const rule: BucketRule = { per: 'ip', windows: [{ windowMs: 1000, limit: 5 }] };
    const err = await wrong.reserve('k', rule, 1, Date.now()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtsError);
    expect((err as CtsError).status).toBe(401);
    const bare = await fetch(`${w.url}/limiter/reserve`, { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    const auth = { authorization: `Bearer ${w.limiterSecret}`, 'content-type': 'application/json' };
    const bad = await fetch(`${w.url}/limiter/reserve`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ key: 'k', rule: { per: 'ip', windows: [] }, cost: 1, now: 0 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid' } });
    const unknown = await fetch(`${w.url}/limiter/drop`, { method: 'POST', headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
  });
});
