import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { ManualClock } from '@cts/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/coordinator-fixture.ts';
import { CredentialVault, generateMasterKey } from '../crypto/vault.ts';
import type { ExchangeId } from '../exchanges/catalog.ts';
import { createClockScheduler } from '../scheduler/scheduler.ts';
import { createMemoryStorage } from '../storage/memory/memory-storage.ts';
import { ConnectionCoordinator } from './connection-coordinator.ts';

// Long-lived streams behind websocket health checks (#9), over real sockets to the simulator server, all on one
// ManualClock: time (backoff, pings) moves only when the test advances it.
let server: SimulatorServer | undefined;
let coordinator: ConnectionCoordinator | undefined;

afterEach(async () => {
  await coordinator?.stop({ graceMs: 1000 });
  await server?.close();
  coordinator = undefined;
  server = undefined;
});

async function setup(streamMonitors?: boolean) {
  const clock = new ManualClock();
  server = await startSimulatorServer({ port: 0, clock });
  const storage = createMemoryStorage();
  coordinator = new ConnectionCoordinator({
    storage,
    vault: await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } }),
    clock,
    scheduler: createClockScheduler(clock),
    exchangeBaseUrl: server.url,
    connectorMaxRetries: 0,
    connectorTimeoutMs: 5000,
    healthCheckIntervalMs: 3_600_000,
    ...(streamMonitors === undefined ? {} : { streamMonitors }),
  });
  await coordinator.start();
  const co = coordinator;
  const sim = server;
  async function connect(exchange: ExchangeId) {
    const account = await sim.simulator.createAccount({ exchange });
    const c = await co.createConnection(
      {
        name: `${exchange} stream`,
        exchange,
        api_type: 'websocket',
        api_key: account.apiKey,
        api_secret: account.apiSecret,
        api_passphrase: account.passphrase,
      },
      { awaitTest: true },
    );
    expect(c.state).toBe('active');
    return c;
  }
  async function healthRound() {
    const job = await co.runHealthChecks();
    expect(job).not.toBeNull();
    await waitFor(async () => (await co.getBatch(job!.id)).job.status === 'completed');
    return job!;
  }
  return { clock, sim, storage, co, connect, healthRound };
}

describe('ConnectionCoordinator stream monitors (websocket connections)', () => {
  it('keeps one stream open across health checks; a server restart shows as a dip, then the recovery', async () => {
    const { clock, sim, storage, co, connect, healthRound } = await setup();
    const c = await connect('bybit');
    await waitFor(async () => (await co.streamState(c.id)) === 'open');
    const openSockets = () => sim.simulator.streams.counts().open;
    expect(openSockets()).toBe(1);
    const acceptedBefore = sim.simulator.streams.counts().accepted;
    await healthRound();
    await healthRound();
    expect(sim.simulator.streams.counts().accepted).toBe(acceptedBefore); // no fresh stream per check
    let health = await co.getConnectionHealth(c.id);
    expect(health).toMatchObject({ healthy: true, errorCount: 0 });

    sim.simulator.streams.closeAll(1012, 'service restart');
    await waitFor(async () => (await co.streamState(c.id)) === 'backoff');
    await waitFor(async () => (await co.getConnectionHealth(c.id)).errorCount === 1); // the monitor's failure
    await healthRound(); // REST passes, the stream is down: a failure with the monitor's error
    health = await co.getConnectionHealth(c.id);
    expect(health.errorCount).toBe(2);
    const samples = await storage.healthSamples.listSince(c.id, 0);
    expect(samples.at(-1)).toMatchObject({ success: false, errorCode: 'network' });
    expect((await co.getConnection(c.id)).state).toBe('active'); // two failures: below the breaker's threshold

    for (let i = 0; i < 40 && (await co.streamState(c.id)) !== 'open'; i++) {
      await clock.advance(500); // the reconnect backoff (1 s base, jittered)
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(async () => (await co.streamState(c.id)) === 'open');
    await waitFor(async () => (await co.getConnectionHealth(c.id)).successCount >= 1); // the reconnect
    await healthRound();
    health = await co.getConnectionHealth(c.id);
    expect(health).toMatchObject({ healthy: true, errorCount: 0 });
    expect(health.successCount).toBeGreaterThanOrEqual(2);
    expect(openSockets()).toBe(1);
  });

  it('stops the stream on pause and delete, restarts it on resume, and stop() closes every socket', async () => {
    const { sim, co, connect } = await setup();
    const a = await connect('okx');
    const b = await connect('bingx');
    await waitFor(
      async () => (await co.streamState(a.id)) === 'open' && (await co.streamState(b.id)) === 'open',
    );
    expect(sim.simulator.streams.counts().open).toBe(2);
    await co.applyAction(a.id, 'pause');
    await waitFor(() => sim.simulator.streams.counts().open === 1);
    expect(await co.streamState(a.id)).toBeNull();
    await co.applyAction(a.id, 'resume');
    await waitFor(async () => (await co.streamState(a.id)) === 'open');
    await co.deleteConnection(b.id);
    await waitFor(() => sim.simulator.streams.counts().open === 1);
    await co.stop({ graceMs: 1000 });
    await waitFor(() => sim.simulator.streams.counts().open === 0);
    expect(await co.streamState(a.id)).toBeNull();
  });

  it('moves the connection to error and stops its stream when the re-authentication is refused', async () => {
    const { clock, sim, co, connect } = await setup();
    const c = await connect('bybit');
    await waitFor(async () => (await co.streamState(c.id)) === 'open');
    sim.simulator.reset(); // the key no longer exists on the exchange
    sim.simulator.streams.closeAll(1012, 'service restart');
    for (let i = 0; i < 40 && (await co.getConnection(c.id)).state === 'active'; i++) {
      await clock.advance(500);
      await new Promise((r) => setTimeout(r, 20));
    }
    const record = await co.getConnection(c.id);
    expect(record.state).toBe('error');
    expect(record.last_error?.code).toMatch(/^auth\./);
    await waitFor(async () => (await co.streamState(c.id)) === null);
    expect(sim.simulator.streams.counts().open).toBe(0);
  });

  it('holds no stream when streamMonitors is false (the Worker)', async () => {
    const { sim, co, connect, healthRound } = await setup(false);
    const c = await connect('bybit');
    await healthRound();
    expect(await co.streamState(c.id)).toBeNull();
    expect(sim.simulator.streams.counts().open).toBe(0);
    expect((await co.getConnectionHealth(c.id)).healthy).toBe(true);
  });
});
