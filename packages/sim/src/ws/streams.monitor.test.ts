import { createStreamMonitor, type StreamMonitor, type StreamMonitorEvent } from '@cts/core/connectors';
import type { ExchangeId } from '@cts/core/exchanges';
import { ManualClock } from '@cts/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';
import { lossyFactory, streamOptions, until } from './stream-test-kit.ts';

// Long-lived streams for health checks: missed heartbeats end the connection, the monitor reports the
// mapped error, waits its backoff on the clock, reconnects and authenticates again.
const clock = new ManualClock();
let server: SimulatorServer;
let monitor: StreamMonitor | undefined;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, clock });
});
afterEach(async () => {
  await monitor?.stop();
  monitor = undefined;
});
afterAll(() => server.close());

async function start(
  exchange: ExchangeId,
  drop: (text: string) => boolean,
  extra: { keepAliveIntervalMs?: number; pongTimeoutMs?: number; on?: SimulatorServer } = {},
) {
  const sim = extra.on ?? server;
  const account = await sim.simulator.createAccount({ exchange });
  const lossy = lossyFactory(drop);
  const events: StreamMonitorEvent[] = [];
  monitor = createStreamMonitor(
    { ...streamOptions(exchange, account, sim.url), clock, webSocketFactory: lossy.factory },
    {
      backoff: { baseMs: 1000, capMs: 8000, random: () => 0 },
      keepAliveIntervalMs: extra.keepAliveIntervalMs,
      pongTimeoutMs: extra.pongTimeoutMs,
      onEvent: (e) => events.push(e),
    },
  );
  monitor.start();
  const m = monitor;
  await until(() => m.state === 'open', `${exchange} open`);
  return { account, lossy, events, monitor: m };
}

describe('stream monitor: missed heartbeat and reconnect', () => {
  it('Bybit: pings lost on the way → no pong → timeout with a heartbeat hint, backoff, re-auth', async () => {
    const { account, lossy, events, monitor: m } = await start('bybit', (t) => t.includes('"op":"ping"'));
    await clock.advance(20_000);
    await until(() => lossy.received.some((t) => t.includes('"op":"pong"')), 'the first pong');
    expect(events.filter((e) => e.type === 'error')).toHaveLength(0); // the first ping was answered
    lossy.dropping.on = true;
    await clock.advance(25_000); // pong deadline of the first ping (25 s), then the next ping (45 s): dropped
    await until(() => lossy.dropped.length === 1, 'a dropped ping');
    await clock.advance(5000); // pong deadline (timeoutMs)
    await until(() => m.state === 'backoff', 'backoff');
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', error: { code: 'timeout' } });
    expect(m.lastError!.message).toMatch(/missed heartbeat/);
    expect(m.lastError!.hint).toMatch(/reconnects/);
    expect(events.find((e) => e.type === 'reconnecting')).toEqual({ type: 'reconnecting', delayMs: 1000 });
    lossy.dropping.on = false;
    await clock.advance(1000);
    await until(() => m.state === 'open' && m.connects === 2, 're-open');
    expect(m.reconnects).toBe(1);
    expect(server.simulator.stats().bybit!.keys[account.id]!.accepted).toBe(2); // authenticated twice
  });

  it('Pionex: PONGs lost → the server CLOSEs after 3 missed → mapped timeout, reconnect', async () => {
    const { account, lossy, events, monitor: m } = await start('pionex', (t) => t.includes('"op":"PONG"'));
    lossy.dropping.on = true;
    for (let i = 1; i <= 4; i++) {
      await clock.advance(15_000);
      if (i < 4) await until(() => lossy.dropped.length === i, `PONG ${i} dropped`);
    }
    await until(() => m.state === 'backoff', 'backoff');
    expect(m.lastError).toMatchObject({
      code: 'timeout',
      message: 'Pionex closed the stream after missed PONGs',
    });
    lossy.dropping.on = false;
    await clock.advance(1000);
    await until(() => m.connects === 2 && m.state === 'open', 're-open');
    expect(events.map((e) => e.type)).toEqual(['open', 'error', 'reconnecting', 'open']);
    expect(server.simulator.stats().pionex!.keys[account.id]!.accepted).toBe(2);
  });

  it('OKX: a client that stays silent is cut after 30 s → network error with the close code, reconnect', async () => {
    const { lossy, monitor: m } = await start('okx', (t) => t === 'ping', { pongTimeoutMs: 20_000 });
    lossy.dropping.on = true;
    for (let t = 0; t < 30_000; t += 5000) await clock.advance(5000);
    await until(() => m.state === 'backoff', 'backoff');
    expect(m.lastError).toMatchObject({ code: 'network', exchangeCode: 4004 });
    expect(m.lastError!.message).toMatch(/No data received in 30s/);
    lossy.dropping.on = false;
    await clock.advance(1000);
    await until(() => m.connects === 2, 're-open');
  });

  it('backoff grows between failed attempts and resets after a successful open', async () => {
    const { events, monitor: m } = await start('orangex', () => false);
    server.simulator.streams.closeAll(1012, 'service restart');
    await until(() => m.state === 'backoff', 'backoff');
    expect(m.lastError).toMatchObject({ code: 'network', exchangeCode: 1012 });
    expect(events.at(-1)).toEqual({ type: 'reconnecting', delayMs: 1000 });
    await clock.advance(1000);
    await until(() => m.connects === 2 && m.state === 'open', 're-open');
    server.simulator.streams.closeAll();
    await until(() => m.state === 'backoff', 'backoff again');
    expect(events.at(-1)).toEqual({ type: 'reconnecting', delayMs: 1000 });
  });
});

describe('stream monitor: Binance serverShutdown', () => {
  it('a server restart sends serverShutdown first: the monitor reports exchange.unavailable and reconnects', async () => {
    const { lossy, monitor: m } = await start('binance', () => false);
    server.simulator.streams.closeAll(1012, 'service restart');
    await until(() => m.state === 'backoff', 'backoff');
    expect(lossy.received.some((t) => t.includes('"e":"serverShutdown"'))).toBe(true);
    expect(m.lastError).toMatchObject({ code: 'exchange.unavailable', retryable: true });
    expect(m.lastError!.message).toContain('serverShutdown');
    await clock.advance(1000);
    await until(() => m.connects === 2 && m.state === 'open', 're-open');
  });
});

describe('stream monitor: listenKey keep-alive (BingX)', () => {
  it('PUTs the listenKey every keep-alive period (30 min by default) while the stream stays open', async () => {
    const { account, events, monitor: m } = await start('bingx', () => false, { keepAliveIntervalMs: 4000 });
    await clock.advance(4000); // keep-alive before the next server Ping
    await until(() => events.some((e) => e.type === 'keepalive'), 'keep-alive');
    const stats = server.simulator.stats().bingx!.keys[account.id]!;
    expect(stats.accepted).toBe(3); // POST, stream, PUT
    expect(m.state).toBe('open');
  });

  it('the simulator closes a stream whose listenKey expired (no keep-alive), then the monitor gets a new key', async () => {
    const short = await startSimulatorServer({ port: 0, clock, listenKeyTtlMs: 12_000 });
    try {
      const {
        lossy,
        events,
        monitor: m,
      } = await start('bingx', () => false, { keepAliveIntervalMs: 3_600_000, on: short });
      // Ping by Ping, each Pong sent before the next Ping is due; the key expires at 12 s.
      for (let i = 1; i <= 3 && m.state === 'open'; i++) {
        await until(() => lossy.sent.filter((t) => t === 'Pong').length >= i, `Pong ${i}`);
        await clock.advance(5000);
      }
      await until(() => m.state === 'backoff', 'expiry');
      expect(m.lastError).toMatchObject({
        code: 'exchange',
        retryable: true,
        message: expect.stringMatching(/listenKey has expired/),
      });
      await clock.advance(1000);
      await until(() => m.connects === 2, 'a new listenKey');
      expect(events.map((e) => e.type)).toEqual(['open', 'error', 'reconnecting', 'open']);
      await m.stop();
    } finally {
      await short.close();
    }
  });

  it('Binance USDⓈ-M: listenKeyExpired ends the stream; the monitor reconnects with a fresh key', async () => {
    const short = await startSimulatorServer({ port: 0, clock, listenKeyTtlMs: 60_000 });
    try {
      const account = await short.simulator.createAccount({ exchange: 'binance' });
      const events: StreamMonitorEvent[] = [];
      const m = createStreamMonitor(
        { ...streamOptions('binance', account, short.url), clock },
        {
          kind: 'binance-usdm',
          backoff: { baseMs: 1000, capMs: 8000, random: () => 0 },
          onEvent: (e) => events.push(e),
        },
      );
      monitor = m;
      m.start();
      await until(() => m.state === 'open', 'open');
      await clock.advance(180_000); // the first ping tick finds the key expired
      await until(() => m.state === 'backoff', 'listenKeyExpired');
      expect(m.lastError).toMatchObject({
        code: 'exchange',
        retryable: true,
        message: expect.stringMatching(/listenKeyExpired/),
      });
      await clock.advance(1000);
      await until(() => m.connects === 2, 'a fresh listenKey');
    } finally {
      await monitor?.stop();
      monitor = undefined;
      await short.close();
    }
  });
});
