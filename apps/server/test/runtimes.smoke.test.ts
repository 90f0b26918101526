/**
 * The same smoke scenario on Node, Bun and Deno: each host runs as a child process on a free port, wired to a
 * simulator over loopback, and must stop cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueToken } from '@cts/api';
import { generateMasterKey, randomHex } from '@cts/core';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'node_modules/.bin');
const RUNTIMES: Array<{ name: string; command: string; args: string[] }> = [
  { name: 'node', command: process.execPath, args: ['apps/server/src/node.ts'] },
  { name: 'bun', command: join(BIN, 'bun'), args: ['apps/server/src/bun.ts'] },
  { name: 'deno', command: join(BIN, 'deno'), args: ['run', '-A', 'apps/server/src/deno.ts'] },
];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  output: string[],
): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no ready line in ${timeoutMs} ms:\n${output.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (pattern.test(output.join(''))) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before ready:\n${output.join('')}`));
    });
  });
}

let sim: SimulatorServer;
beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
});
afterAll(() => sim.close());

describe.each(RUNTIMES)('smoke on $name', ({ name, command, args }) => {
  it('serves the API wired to the simulator, then stops cleanly on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), `cts-${name}-`));
    const port = await freePort();
    const jwtSecret = randomHex(32);
    const output: string[] = [];
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {
        PATH: `${BIN}:${process.env['PATH']}`,
        HOME: process.env['HOME'],
        DENO_NO_UPDATE_CHECK: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        CTS_DATA_DIR: dir,
        CTS_DATABASE_URL: `file:${join(dir, 'cts.db')}`,
        CTS_MASTER_KEY: `smoke:${generateMasterKey()}`,
        CTS_JWT_SECRET: jwtSecret,
        CTS_EXCHANGE_BASE_URL: sim.url,
        CTS_SHUTDOWN_GRACE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      await waitForLine(child, /"msg":"listening"/, 30_000, output);
      expect(output.join('')).toContain(`"runtime":"${name}"`);
      const base = `http://127.0.0.1:${port}`;
      const token = await issueToken({ secret: jwtSecret, sub: 'smoke', role: 'admin', ttl: '5m' });
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
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
        name: `smoke on ${name}`,
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
      expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
      const admin = await fetch(`${base}/admin/`, { redirect: 'manual' });
      expect(admin.status).toBeLessThan(500);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output.join('')).toContain('"msg":"stopped"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
