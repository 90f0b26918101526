import { ManualClock } from '@cts/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { CredentialVault, generateMasterKey } from '../crypto/vault.ts';
import { AlertDispatcher } from './alert-dispatcher.ts';
import { AlertService } from './alert-service.ts';
import { connectionDown, connectionRecovered } from './events.ts';
import { MemoryAlertStore } from './memory-alert-store.ts';

const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const conn = { id: 'c1', name: 'Main', exchange: 'okx' as const };
const error = { code: 'network', message: 'connection reset', hint: 'retry later' };

/** A receiver as a fetch function: answers with `statuses` in turn (then 200), recording each request. */
function receiver(statuses: number[] = []) {
  const seen: Array<{ url: string; headers: Headers; body: unknown }> = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)),
    });
    const status = statuses.shift() ?? 200;
    return new Response('{}', { status, headers: status === 429 ? { 'retry-after': '30' } : {} });
  };
  return { seen, fetch };
}

async function setup(statuses: number[] = []) {
  const clock = new ManualClock({ start: T0 });
  const store = new MemoryAlertStore();
  const vault = await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } });
  const r = receiver(statuses);
  const destination = { allowHosts: ['hooks.example'] };
  const dispatcher = new AlertDispatcher({
    store,
    vault,
    clock,
    fetch: r.fetch,
    destination,
    flapWindowMs: 60_000,
    reminderIntervalMs: 3_600_000,
    baseDelayMs: 1000,
    random: () => 1,
  });
  const service = new AlertService({ store, vault, dispatcher, clock, destination });
  const { channel } = await service.createChannel({
    name: 'ops',
    type: 'slack',
    url: 'https://hooks.example/T1/B2/secret',
    min_severity: 'info',
  });
  return { clock, store, dispatcher, service, channel, vault, ...r };
}

describe('AlertDispatcher', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    t = await setup();
  });

  it('sends one alert and one resolution for a flapping connection (error, active, error, active)', async () => {
    const { clock, store, dispatcher, seen } = t;
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await dispatcher.run();
    for (const ms of [5_000, 5_000, 5_000]) {
      await clock.advance(ms);
      const e =
        seen.length % 2 === 0
          ? connectionRecovered(conn, clock.now())
          : connectionDown(conn, 'error', error, clock.now());
      await store.enqueue([e], clock.now());
      await dispatcher.run();
    }
    await store.enqueue([connectionRecovered(conn, clock.now())], clock.now());
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await store.enqueue([connectionRecovered(conn, clock.now())], clock.now());
    await dispatcher.run();
    expect(seen.map((s) => (s.body as { text: string }).text)).toEqual(['🔴 Main (okx) is in error']);
    await clock.advance(59_999);
    await dispatcher.run();
    expect(seen).toHaveLength(1);
    await clock.advance(1);
    await dispatcher.run();
    expect(seen.map((s) => (s.body as { text: string }).text)).toEqual([
      '🔴 Main (okx) is in error',
      '✅ Resolved: Main (okx) recovered',
    ]);
    await clock.advance(10 * 3_600_000);
    await dispatcher.run();
    expect(seen).toHaveLength(2);
  });

  it('reminds while a condition holds, after the interval', async () => {
    const { clock, store, dispatcher, seen } = t;
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await dispatcher.run();
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await clock.advance(3_599_999);
    await dispatcher.run();
    expect(seen).toHaveLength(1);
    await clock.advance(1);
    await dispatcher.run();
    expect((seen[1]!.body as { text: string }).text).toBe('🔴 Still firing: Main (okx) is in error');
  });

  it('retries 500s with backoff, then delivers once with every attempt recorded', async () => {
    t = await setup([500, 500, 500]);
    const { clock, store, dispatcher, seen, service } = t;
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await dispatcher.run();
    for (const wait of [1000, 2000, 4000]) {
      await clock.advance(wait - 1);
      await dispatcher.run();
      await clock.advance(1);
      await dispatcher.run();
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.headers.get('x-cts-idempotency-key'))).size).toBe(1);
    const [d] = await service.listDeliveries();
    expect(d).toMatchObject({ status: 'delivered', attempts: 4, last_status: 200 });
    expect(d!.attempt_log!.map((a) => [a.httpStatus, a.outcome])).toEqual([
      [500, 'retry'],
      [500, 'retry'],
      [500, 'retry'],
      [200, 'delivered'],
    ]);
  });

  it('honours a 429 Retry-After', async () => {
    t = await setup([429]);
    const { clock, store, dispatcher, seen } = t;
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await dispatcher.run();
    const [d] = await store.listDeliveries();
    expect(d).toMatchObject({ status: 'pending', nextAttemptAt: clock.now() + 30_000 });
    expect(seen).toHaveLength(1);
  });

  it('refuses a channel to a private address, and never sends to a host that resolves to one', async () => {
    const { store, service, seen, clock, vault } = t;
    await expect(
      service.createChannel({ name: 'x', type: 'slack', url: 'https://10.0.0.1/hook' }),
    ).rejects.toThrow(/url: must not point to a private/);
    await store.deleteChannel(t.channel.id);
    await service.createChannel({
      name: 'y',
      type: 'slack',
      url: 'https://rebind.example.com/T1/secret-path',
    });
    const strict = new AlertDispatcher({
      store,
      vault,
      clock,
      fetch: t.fetch,
      destination: { resolve: async () => ['93.184.216.34', '::ffff:127.0.0.1'] },
    });
    await store.enqueue([connectionDown(conn, 'error', error, clock.now())], clock.now());
    await strict.run();
    expect(seen).toHaveLength(0);
    const [d] = await service.listDeliveries();
    expect(d).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d!.last_error).toMatch(/resolves to a private, loopback or link-local address/);
    expect(d!.last_error).not.toMatch(/secret-path/);
  });

  it('stops at once when stop() comes while a pass runs (no sleep left that nothing wakes)', async () => {
    const { dispatcher, clock } = t;
    dispatcher.start();
    await dispatcher.stop(); // the ManualClock never advances: a sleep begun after stop() would hang here
    expect(clock.pending).toBe(0);
  });
});
