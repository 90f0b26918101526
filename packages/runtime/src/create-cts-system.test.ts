import { issueToken } from '@cts/api';
import { createMemoryStorage, generateMasterKey, type Scheduler } from '@cts/core';
import { createScriptedFetch } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createCtsSystem } from './create-cts-system.ts';
import { runHealthTick } from './health-tick.ts';

const jwtSecret = 'j'.repeat(32);
const noTimers: Scheduler = { every: () => () => {} };

function system(options: Partial<Parameters<typeof createCtsSystem>[0]> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = {
    debug() {},
    info: (msg: string, f?: Record<string, unknown>) => lines.push({ msg, ...f }),
    warn() {},
    error() {},
  };
  return {
    lines,
    built: createCtsSystem({
      storage: createMemoryStorage(),
      masterKey: `k1:${generateMasterKey()}`,
      jwtSecret,
      logger,
      scheduler: noTimers,
      ...options,
    }),
  };
}

describe('createCtsSystem', () => {
  it('serves the API and the admin UI from the parts the host chose', async () => {
    const { built } = system();
    const cts = await built;
    const token = await issueToken({ secret: jwtSecret, sub: 't', role: 'viewer', ttl: '5m' });
    const status = await cts.app.request('/api/system/status', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.status).toBe(200);
    expect((await status.json()).features.rateLimiting).toBe('enabled');
    expect((await cts.app.request('/admin/login')).status).toBe(200);
    await cts.close();
    expect((await cts.coordinator.getSystemStatus()).features.batchProcessing).toBe('disabled');
  });

  it('mounts no admin UI with admin: false, and runs onClose once on close', async () => {
    let closed = 0;
    const cts = await system({ admin: false, onClose: () => void closed++ }).built;
    expect((await cts.app.request('/admin/login')).status).toBe(404);
    await Promise.all([cts.close(), cts.close()]);
    expect(closed).toBe(1);
  });

  it('writes one task log line per exchange task, through the host fetch, on every host', async () => {
    const scripted = createScriptedFetch([() => new Response('down', { status: 503 })]);
    const { built, lines } = system({
      fetch: scripted.fetch,
      exchangeBaseUrl: 'http://127.0.0.1:9',
      coordinator: { connectorMaxRetries: 0 },
    });
    const cts = await built;
    const created = await cts.coordinator.createConnection(
      { name: 'A', exchange: 'bybit', api_type: 'spot', api_key: 'k'.repeat(18), api_secret: 's'.repeat(36) },
      { awaitTest: true },
    );
    expect(created.state).toBe('error');
    expect(scripted.requests.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.msg === 'task')).toEqual([
      expect.objectContaining({ exchange: 'bybit', operation: 'testConnection', success: false }),
    ]);
    await cts.close();
  });
});

describe('runHealthTick', () => {
  it('checks at most maxTasks of the due connections, least recently checked first (ties by id), and reports the rest', async () => {
    const scripted = createScriptedFetch([() => new Response('down', { status: 503 })]);
    const cts = await system({
      fetch: scripted.fetch,
      exchangeBaseUrl: 'http://127.0.0.1:9',
      coordinator: { connectorMaxRetries: 0 },
    }).built;
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const c = await cts.coordinator.createConnection({
        name,
        exchange: 'bybit',
        api_type: 'spot',
        api_key: 'k'.repeat(18),
        api_secret: 's'.repeat(36),
        enabled: false,
      });
      await cts.storage.connections.update(c.id, { state: 'active' }, { now: Date.now() });
      ids.push(c.id);
    }
    const first = await runHealthTick(cts.coordinator, { now: Date.now(), maxTasks: 2 });
    expect(first).toMatchObject({ due: 3, checked: 2, remaining: 1, purged: null });
    // The two just checked are not due again within minAgeMs; the third is.
    const last = [...ids].sort().at(-1);
    expect(await cts.coordinator.dueForHealthCheck({ now: Date.now() + 1, minAgeMs: 60_000 })).toEqual([
      last,
    ]);
    await expect(runHealthTick(cts.coordinator, { now: 0, maxTasks: 51 })).rejects.toThrow(TypeError);
    await cts.close();
  });
});
