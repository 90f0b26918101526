import { describe, expect, it } from 'vitest';
import { createFixture, STORAGES, waitFor } from '../../test/coordinator-fixture.ts';
import { maskApiKey } from '../connections/connection.ts';
import { InvalidTransitionError } from '../connections/state-machine.ts';
import { NotFoundError } from '../errors/domain.ts';
import { VersionConflictError } from '../storage/ports.ts';

describe.each(STORAGES)('ConnectionCoordinator state machine (%s storage)', (kind) => {
  it('walks disabled → testing → active → paused → active → disabled → testing → active, refusing invalid moves', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection({ ...(await f.input('bybit')), enabled: false });
    const co = f.coordinator;
    await expect(co.applyAction(c.id, 'resume')).rejects.toThrow(InvalidTransitionError);
    await expect(co.applyAction(c.id, 'pause')).rejects.toThrow(/Cannot pause a connection that is disabled/);
    const enabled = co.applyAction(c.id, 'enable');
    expect((await enabled).state).toBe('testing');
    await waitForState(f, c.id, 'active');
    expect((await co.applyAction(c.id, 'pause')).state).toBe('paused');
    await expect(co.applyAction(c.id, 'pause')).rejects.toThrow(InvalidTransitionError);
    expect((await co.applyAction(c.id, 'resume')).state).toBe('active');
    expect((await co.applyAction(c.id, 'disable')).state).toBe('disabled');
    await co.applyAction(c.id, 'enable', undefined, { awaitTest: true });
    expect((await co.getConnection(c.id)).state).toBe('active');
  });

  it('logs a move into error at warn, and back to active at info', async () => {
    const lines: Array<{ level: string; msg: string; to?: unknown }> = [];
    const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
      lines.push({ level, msg, to: fields?.['to'] });
    const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const f = await createFixture({ kind, coordinator: { logger } });
    const body = await f.input('bingx');
    const c = await f.coordinator.createConnection(
      { ...body, api_key: 'unknown-key-0000' },
      { awaitTest: true },
    );
    expect(c.state).toBe('error');
    const changes = () => lines.filter((l) => l.msg === 'connection state changed');
    expect(changes()).toEqual([{ level: 'warn', msg: 'connection state changed', to: 'error' }]);
    await f.coordinator.updateConnection(c.id, { api_key: body.api_key });
    await f.coordinator.applyAction(c.id, 'enable', undefined, { awaitTest: true });
    expect(changes().at(-1)).toEqual({ level: 'info', msg: 'connection state changed', to: 'active' });
  });

  it('takes an error connection to paused, and back to testing on enable', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('bingx');
    const c = await f.coordinator.createConnection(
      { ...body, api_key: 'unknown-key-0000' },
      { awaitTest: true },
    );
    expect(c.state).toBe('error');
    expect((await f.coordinator.applyAction(c.id, 'pause')).state).toBe('paused');
    expect((await f.coordinator.applyAction(c.id, 'disable')).state).toBe('disabled');
    // Fixing the key re-tests nothing while disabled; enabling tests it and it passes.
    await f.coordinator.updateConnection(c.id, { api_key: body.api_key });
    expect((await f.coordinator.getConnection(c.id)).state).toBe('disabled');
    await f.coordinator.applyAction(c.id, 'enable', undefined, { awaitTest: true });
    expect((await f.coordinator.getConnection(c.id)).state).toBe('active');
  });

  it('refuses a stale version on update and on actions', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection({ ...(await f.input('pionex')), enabled: false });
    await f.coordinator.updateConnection(c.id, { name: 'Renamed', version: c.version });
    await expect(f.coordinator.updateConnection(c.id, { name: 'Again', version: c.version })).rejects.toThrow(
      VersionConflictError,
    );
    await expect(f.coordinator.applyAction(c.id, 'enable', c.version)).rejects.toThrow(VersionConflictError);
    expect((await f.coordinator.getConnection(c.id)).name).toBe('Renamed');
  });

  it('re-tests an enabled connection when its credentials change, with a fresh connector', async () => {
    const f = await createFixture({ kind });
    const body = await f.input('orangex');
    const c = await f.coordinator.createConnection(body, { awaitTest: true });
    expect(c.state).toBe('active');
    const other = await f.input('orangex');
    // OrangeX allows few public requests per second per IP: let each test have its own second.
    await f.clock.advance(1000);
    await f.coordinator.updateConnection(c.id, { api_key: other.api_key, api_secret: 'wrong-secret-value' });
    await waitForState(f, c.id, 'error');
    expect((await f.coordinator.getConnection(c.id)).last_error?.code).toBe('auth.invalid_signature');
    await f.clock.advance(1000);
    await f.coordinator.updateConnection(c.id, { api_secret: other.api_secret });
    await waitForState(f, c.id, 'active');
    const updated = await f.coordinator.getConnection(c.id);
    expect(updated.api_key_masked).toBe(maskApiKey(other.api_key));
    expect(updated.api_key_masked).not.toBe(c.api_key_masked);
  });

  it('deletes a connection with its results, and then knows it no more', async () => {
    const f = await createFixture({ kind });
    const c = await f.coordinator.createConnection(await f.input('binance'), { awaitTest: true });
    expect(await f.storage.testResults.listByConnection(c.id, 10)).toHaveLength(1);
    await f.coordinator.deleteConnection(c.id);
    await expect(f.coordinator.getConnection(c.id)).rejects.toThrow(NotFoundError);
    await expect(f.coordinator.deleteConnection(c.id)).rejects.toThrow(NotFoundError);
    await expect(f.coordinator.testConnection(c.id)).rejects.toThrow(NotFoundError);
    expect(await f.storage.testResults.listByConnection(c.id, 10)).toEqual([]);
    expect(await f.storage.healthSamples.listSince(c.id, 0)).toEqual([]);
  });
});

async function waitForState(f: Awaited<ReturnType<typeof createFixture>>, id: string, state: string) {
  await waitFor(async () => (await f.coordinator.getConnection(id)).state === state);
}
