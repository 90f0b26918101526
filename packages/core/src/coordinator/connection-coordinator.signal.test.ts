import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createFixture, waitFor } from '../../test/coordinator-fixture.ts';
import { BYBIT_BALANCE_PATH, BYBIT_PERMISSIONS_PATH } from '../connectors/bybit/endpoints.ts';
import { RateLimiter } from '../limiter/rate-limiter.ts';
import type { FetchLike } from '../ports/fetch.ts';

/**
 * The simulator's fetch with every request recorded (path, API key) before it is answered; `hold()` keeps the
 * requests (to one path) from being answered until `release()`; `failing` paths fail as network errors (retryable).
 */
function gatedFetch(inner: FetchLike) {
  const sent: { path: string; key: string | null }[] = [];
  const failing = new Set<string>();
  let gate: Promise<void> | null = null;
  let gated: string | undefined;
  let open = () => {};
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/bybit/, ''); // the simulator's exchange prefix
    sent.push({ path, key: request.headers.get('x-bapi-api-key') });
    if (gate && (gated === undefined || gated === path)) await gate;
    if (failing.has(path)) throw new TypeError('fetch failed');
    return inner(input, init);
  };
  return {
    fetch,
    sent,
    failing,
    /** Holds the requests to `path` (every request without one). */
    hold(path?: string) {
      gated = path;
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
  };
}

/** A limiter allowing `concurrency` Bybit requests in flight at once per egress IP, windows out of the way. */
function limiterFor(clock: ManualClock, concurrency: number) {
  return new RateLimiter({
    clock,
    profile: 'seed',
    rules: {
      seed: {
        bybit: {
          buckets: { seed: { per: 'ip', windows: [{ windowMs: 1000, limit: 100_000 }], concurrency } },
        },
      },
    },
  });
}

async function queued(limiter: RateLimiter): Promise<number> {
  return (await limiter.metrics()).queues.reduce((n, q) => n + q.queued, 0);
}

async function setup(options: { concurrency?: number; maxRetries?: number; batchConcurrency?: number } = {}) {
  const clock = new ManualClock();
  const probe = await createFixture({ clock });
  const gated = gatedFetch(probe.sim.fetch);
  const limiter = limiterFor(clock, options.concurrency ?? 1);
  const co = probe.build({
    fetch: gated.fetch,
    limiter,
    connectorMaxRetries: options.maxRetries ?? 0,
    batchConcurrency: options.batchConcurrency ?? 10,
  });
  /** A connection stored disabled (nothing sent), with its API key (`input`'s: another connection of that key). */
  const connection = async (input?: Awaited<ReturnType<typeof probe.input>>) => {
    const body = input ?? (await probe.input('bybit', 'spot'));
    const record = await co.createConnection({ ...body, name: `bybit ${++made}`, enabled: false });
    return { id: record.id, key: body.api_key, input: body };
  };
  let made = 0;
  return { ...probe, co, gated, limiter, connection };
}

describe('ConnectionCoordinator: signal and priority end to end', () => {
  it('a client that disconnects while its test waits in the limiter frees its place: the next request goes at once', async () => {
    const f = await setup({ concurrency: 1 });
    const c = await f.connection();
    f.gated.hold();
    const blocker = f.co.getBalance(c.id); // in flight, holding the only slot
    await waitFor(() => f.gated.sent.length === 1);
    const client = new AbortController();
    const abandoned = f.co.testConnection(c.id, { signal: client.signal });

    await waitFor(async () => (await queued(f.limiter)) === 3); // its clock samples
    const next = f.co.getPermissions(c.id);
    await waitFor(async () => (await queued(f.limiter)) === 4);

    client.abort(); // the client went away
    await expect(abandoned).rejects.toThrow();
    await waitFor(async () => (await queued(f.limiter)) === 1);
    f.gated.release();
    await blocker;
    expect((await next).read).toBe(true);
    // After the blocker, the permissions call went first: nothing of the abandoned test was ever sent.
    expect(f.gated.sent.map((r) => r.path)).toEqual([BYBIT_BALANCE_PATH, BYBIT_PERMISSIONS_PATH]);
  });

  it('sends no retry after shutdown: the stop aborts the batch task in its retry sleep', async () => {
    const f = await setup({ maxRetries: 3 });
    const c = await f.connection();
    f.gated.failing.add(BYBIT_BALANCE_PATH);
    await f.co.startBatch([c.id], { type: 'balance' });
    await waitFor(() => f.gated.sent.length === 1);
    await new Promise((r) => setTimeout(r, 20)); // the failure reaches send's retry sleep

    const stopped = f.co.stop({ graceMs: 0 });
    await f.clock.advance(0);
    await stopped;
    await f.clock.advance(60_000); // every retry sleep would have ended
    await new Promise((r) => setTimeout(r, 50));
    expect(f.gated.sent.map((r) => r.path)).toEqual([BYBIT_BALANCE_PATH]);
  });

  it("an operator's test is sent before 100 queued health checks", async () => {
    const f = await setup({ concurrency: 1, batchConcurrency: 200 });
    const operator = await f.connection();
    // The limiter queues per account (API key): the health checks are of 101 connections of the same key.
    const checked = [];
    for (let i = 0; i < 101; i++) checked.push(await f.connection(operator.input));
    f.gated.hold(BYBIT_BALANCE_PATH);
    // At most 50 connections per batch.
    for (const part of [checked.slice(0, 50), checked.slice(50, 100), checked.slice(100)])
      await f.co.startBatch(
        part.map((c) => c.id),
        { type: 'health' },
      );
    // One health check's balance call holds the only slot; the other 100 wait in the limiter.
    await waitFor(async () => (await queued(f.limiter)) === 100);
    const held = f.gated.sent.findIndex((r) => r.path === BYBIT_BALANCE_PATH);
    const test = f.co.testConnection(operator.id);
    await waitFor(async () => (await queued(f.limiter)) > 100); // its clock samples

    f.gated.release();
    expect((await test).success).toBe(true);
    // Right after the held health check, the operator's whole test went out (at most 3 clock samples, balance and
    // permissions — a health check reads no permissions), not after the 100 queued health checks.
    const permissions = f.gated.sent.findIndex((r) => r.path === BYBIT_PERMISSIONS_PATH);
    expect(permissions - held).toBeLessThanOrEqual(5);
    await f.clock.advance(0);
  });
});
