/**
 * The same smoke scenario on Node, Bun and Deno: each host runs as a child process on a free port, wired to a
 * simulator over loopback, and must stop cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@cts/api';
import { generateMasterKey, randomHex } from '@cts/core';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startChildServer } from './child-server.ts';
import type { Json } from './harness.ts';

let sim: SimulatorServer;
beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
});
afterAll(() => sim.close());

describe.each<Runtime>(['node', 'bun', 'deno'])('smoke on %s', (runtime) => {
  it('serves the API wired to the simulator, then stops cleanly on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), `cts-${runtime}-`));
    const jwtSecret = randomHex(32);
    const server = await startChildServer(runtime, {
      CTS_DATA_DIR: dir,
      CTS_DATABASE_URL: `file:${join(dir, 'cts.db')}`,
      CTS_MASTER_KEY: `smoke:${generateMasterKey()}`,
      CTS_JWT_SECRET: jwtSecret,
      CTS_EXCHANGE_BASE_URL: sim.url,
      CTS_SHUTDOWN_GRACE_MS: '2000',
    });
    try {
      expect(server.output()).toContain(`"runtime":"${runtime}"`);
      const token = await issueToken({ secret: jwtSecret, sub: 'smoke', role: 'admin', ttl: '5m' });
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, json: (await res.json()) as Json, rid: res.headers.get('x-request-id') };
      };
      const account = await sim.simulator.createAccount({ exchange: 'okx', environment: 'mainnet' });
      const created = await call('POST', '/api/settings/connections', {
        name: `smoke on ${runtime}`,
        exchange: 'okx',
        api_type: 'spot',
        api_key: account.apiKey,
        api_secret: account.apiSecret,
        api_passphrase: account.passphrase,
        enabled: false,
      });
      expect(created.status).toBe(201);
      expect(created.rid).toBeTruthy();
      const id = created.json.connection.id;
      const tested = await call('POST', `/api/settings/connections/${id}/test`);
      expect(tested.status).toBe(200);
      expect(tested.json).toMatchObject({ success: true });
      const batch = await call('POST', '/api/settings/connections/batch-test', { connectionIds: [id] });
      expect(batch.json).toMatchObject({ totalConnections: 1, successful: 1 });
      expect((await call('GET', '/api/settings/connections?exchange=okx')).json.count).toBe(1);
      expect((await call('GET', `/api/settings/connections/health?id=${id}`)).json.connections).toHaveLength(
        1,
      );
      expect((await call('GET', '/api/system/status')).json.connections.total).toBe(1);
      expect((await call('GET', '/api/settings/connections/nope')).status).toBe(404);
      expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);
      const admin = await fetch(`${server.url}/admin/`, { redirect: 'manual' });
      expect(admin.status).toBeLessThan(500);
      expect(await server.stop()).toBe(0);
      expect(server.output()).toContain('"msg":"stopped"');
    } finally {
      await server.stop(1000);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
