import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { bybitGet, type Loose } from '../../test/signers.ts';
import { createSimulator } from '../app.ts';
import { FaultInjector } from './fault-injector.ts';
import { faultsInputSchema } from './fault-rules.ts';

const TIME = 'http://sim.local/bybit/v5/market/time';

async function statuses(seed: number, n: number): Promise<number[]> {
  const sim = createSimulator({ clock: new ManualClock() });
  sim.setFaults({ seed, faults: [{ kind: 'error', exchange: 'bybit', rate: 0.3, status: 502 }] });
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await sim.fetch(TIME)).status);
  return out;
}

const untilSleeping = async (clock: ManualClock) => {
  for (let i = 0; i < 100 && clock.pending === 0; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('faults', () => {
  it('fires at the configured rate, identically for the same seed and differently for another', async () => {
    const a = await statuses(42, 60);
    expect(await statuses(42, 60)).toEqual(a);
    expect(await statuses(43, 60)).not.toEqual(a);
    const errors = a.filter((s) => s === 502).length;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(35);
  });

  it('applies a counted fault exactly count times, only to its exchange', async () => {
    const sim = createSimulator({ clock: new ManualClock() });
    sim.setFaults({ faults: [{ kind: 'maintenance', exchange: 'bybit', count: 2 }] });
    expect((await sim.fetch('http://sim.local/okx/api/v5/public/time')).status).toBe(200);
    const first = await sim.fetch(TIME);
    expect([first.status, ((await first.json()) as Loose).retCode]).toEqual([503, 10016]);
    expect((await sim.fetch(TIME)).status).toBe(503);
    expect((await sim.fetch(TIME)).status).toBe(200);
    expect(sim.stats().bybit?.total.faults).toBe(2);
  });

  it('delays by the latency on the injected clock', async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock });
    sim.setFaults({ faults: [{ kind: 'latency', latency: { type: 'fixed', ms: 250 } }] });
    let done = false;
    const pending = sim.fetch(TIME).then((r) => {
      done = true;
      return r;
    });
    await untilSleeping(clock);
    await clock.advance(249);
    expect(done).toBe(false);
    await clock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it('draws long-tailed latencies deterministically (lognormal, pareto >= scale)', () => {
    const sample = (seed: number) => {
      const f = new FaultInjector();
      f.set(
        faultsInputSchema.parse({
          faults: [{ kind: 'latency', latency: { type: 'pareto', scaleMs: 20, alpha: 1.5 }, capMs: 1e9 }],
        }).faults,
        seed,
      );
      return Array.from({ length: 200 }, () => f.plan('okx', undefined, 0).latencyMs);
    };
    const a = sample(7);
    expect(sample(7)).toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...a)).toBeGreaterThan(100);
    const f = new FaultInjector();
    f.set(
      faultsInputSchema.parse({
        faults: [{ kind: 'latency', latency: { type: 'lognormal', medianMs: 50, sigma: 1 } }],
      }).faults,
      1,
    );
    const ln = Array.from({ length: 401 }, () => f.plan('okx', undefined, 0).latencyMs).sort((x, y) => x - y);
    expect(ln[200]).toBeGreaterThan(30);
    expect(ln[200]).toBeLessThan(80);
  });

  it('hangs until the client aborts, or answers 504 after the hang time', async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock });
    sim.setFaults({ faults: [{ kind: 'hang', ms: 60_000 }] });
    const ac = new AbortController();
    const aborted = sim.fetch(TIME, { signal: ac.signal });
    await untilSleeping(clock);
    ac.abort(new DOMException('gave up', 'AbortError'));
    await expect(aborted).rejects.toThrow('gave up');
    const timedOut = sim.fetch(TIME);
    await untilSleeping(clock);
    await clock.advance(60_000);
    expect((await timedOut).status).toBe(504);
  });

  it('resets the connection (TypeError), sends malformed JSON, and skews the clock per key', async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock });
    const a = await sim.createAccount({ exchange: 'bybit' });
    const b = await sim.createAccount({ exchange: 'bybit' });
    sim.setFaults({
      faults: [
        { kind: 'reset', count: 1 },
        { kind: 'malformed', count: 1 },
      ],
    });
    await expect(sim.fetch(TIME)).rejects.toThrow(TypeError);
    const bad = await sim.fetch(TIME);
    expect(bad.status).toBe(200);
    await expect(bad.clone().json()).rejects.toThrow();
    sim.setFaults({ faults: [{ kind: 'skew', keyId: a.id, ms: 7000 }] });
    const wallet = (c: typeof a) =>
      bybitGet('http://sim.local/bybit', c, '/v5/account/wallet-balance', 'accountType=UNIFIED', clock.now());
    const skewed = await sim.fetch(wallet(a).url, wallet(a).init);
    expect(((await skewed.json()) as Loose).retCode).toBe(10002);
    const fine = await sim.fetch(wallet(b).url, wallet(b).init);
    expect(((await fine.json()) as Loose).retCode).toBe(0);
  });

  it('keeps maintenance to its window on the simulator clock', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const sim = createSimulator({ clock });
    sim.setFaults({
      faults: [{ kind: 'maintenance', exchange: 'okx', fromMs: 1_001_000, untilMs: 1_002_000 }],
    });
    const okx = 'http://sim.local/okx/api/v5/public/time';
    expect((await sim.fetch(okx)).status).toBe(200);
    await clock.advance(1000);
    const during = await sim.fetch(okx);
    expect([during.status, ((await during.json()) as Loose).code]).toEqual([503, '50001']);
    await clock.advance(1000);
    expect((await sim.fetch(okx)).status).toBe(200);
  });

  it('announces maintenance windows on the Bybit, Binance and OKX status endpoints, which answer during them', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const sim = createSimulator({ clock });
    sim.setFaults({ faults: [{ kind: 'maintenance', fromMs: 1_001_000, untilMs: 1_002_000 }] });
    const json = async (path: string) => (await (await sim.fetch(`http://sim.local${path}`)).json()) as Loose;
    expect((await json('/bybit/v5/system/status')).result.list[0]).toMatchObject({
      state: 'scheduled',
      begin: '1001000',
      end: '1002000',
    });
    expect(await json('/binance/sapi/v1/system/status')).toEqual({ status: 0, msg: 'normal' });
    expect((await json('/okx/api/v5/system/status')).data[0]).toMatchObject({
      state: 'scheduled',
      end: '1002000',
    });
    await clock.advance(1000);
    expect((await json('/bybit/v5/system/status')).result.list[0].state).toBe('ongoing');
    expect(await json('/binance/sapi/v1/system/status')).toEqual({ status: 1, msg: 'system_maintenance' });
    expect((await json('/okx/api/v5/system/status')).data[0].state).toBe('ongoing');
    await clock.advance(1000);
    expect((await json('/bybit/v5/system/status')).result.list).toEqual([]);
    expect((await json('/okx/api/v5/system/status')).data).toEqual([]);
  });
});
