import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';

// The stream test on the other runtimes with client WebSockets: Bun and Deno run runtime-smoke/stream-smoke.ts
// (their global WebSocket and DecompressionStream) against a simulator server started here.
const run = promisify(execFile);
const script = fileURLToPath(new URL('./runtime-smoke/stream-smoke.ts', import.meta.url));
const bin = (name: string) =>
  fileURLToPath(new URL(`../../../../node_modules/.bin/${name}`, import.meta.url));
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});

/**
 * Fresh accounts for each runtime: the smoke runs without a rate limiter, so three runtimes reusing one account
 * within seconds would (rightly) meet the simulator's per-UID limits.
 */
async function freshInput(): Promise<string> {
  const bybit = await server.simulator.createAccount({ exchange: 'bybit' });
  const bingx = await server.simulator.createAccount({ exchange: 'bingx' });
  const okx = await server.simulator.createAccount({ exchange: 'okx' });
  const creds = (a: typeof bybit) => ({ apiKey: a.apiKey, apiSecret: a.apiSecret, passphrase: a.passphrase });
  return JSON.stringify({
    url: server.url,
    cases: [
      { name: 'bybit', exchange: 'bybit', credentials: creds(bybit) },
      { name: 'bingx', exchange: 'bingx', credentials: creds(bingx) },
      { name: 'okx bad secret', exchange: 'okx', credentials: { ...creds(okx), apiSecret: 'F'.repeat(32) } },
    ],
  });
}
afterAll(() => server.close());

async function smoke(command: string, args: string[]) {
  const env = {
    ...process.env,
    CTS_STREAM_SMOKE: await freshInput(),
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  };
  const { stdout } = await run(command, args, { env, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    runtime: string;
    results: { name: string; success: boolean; code?: string; closedCleanly: boolean; heartbeat?: string }[];
  };
}

function expectSmoke(report: Awaited<ReturnType<typeof smoke>>, runtime: string) {
  expect(report.runtime).toBe(runtime);
  const [bybit, bingx, bad] = report.results;
  expect(bybit).toMatchObject({ name: 'bybit', success: true, closedCleanly: true });
  expect(bybit!.heartbeat).toMatch(/pong in \d+ ms/);
  expect(bingx).toMatchObject({ name: 'bingx', success: true, closedCleanly: true });
  expect(bingx!.heartbeat).toMatch(/answered \d+ server ping/);
  expect(bad).toMatchObject({ name: 'okx bad secret', success: false, code: 'auth.invalid_signature' });
}

describe('private stream test on other runtimes', () => {
  it('Bun: global WebSocket, gzip frames, mapped errors', { timeout: 60_000 }, async () => {
    expectSmoke(await smoke(bin('bun'), [script]), 'bun');
  });

  it('Deno: global WebSocket, gzip frames, mapped errors', { timeout: 60_000 }, async () => {
    expectSmoke(await smoke(bin('deno'), ['run', '-A', script]), 'deno');
  });

  it('Node (the child process path itself)', { timeout: 60_000 }, async () => {
    expectSmoke(await smoke(bin('node'), [script]), 'node');
  });
});
