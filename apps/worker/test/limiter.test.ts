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
