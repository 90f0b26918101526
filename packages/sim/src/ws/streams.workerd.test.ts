import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server.ts';

// The Workers client path: a Worker in workerd (Miniflare, no nodejs_compat) opens the simulator's streams with
// createFetchUpgradeWebSocketFactory (fetch + Upgrade: websocket → response.webSocket.accept()).
let server: SimulatorServer;
let mf: Miniflare;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./runtime-smoke/stream-worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  mf = new Miniflare({ modules: true, script: bundle.outputFiles[0]!.text, compatibilityDate: '2025-09-01' });
}, 60_000);
afterAll(async () => {
  await mf?.dispose();
  await server?.close();
});

describe('private stream test in workerd', () => {
  it('Bybit, BingX (gzip) and a bad OKX secret, over fetch-upgrade sockets', {
    timeout: 60_000,
  }, async () => {
    const bybit = await server.simulator.createAccount({ exchange: 'bybit' });
    const bingx = await server.simulator.createAccount({ exchange: 'bingx' });
    const okx = await server.simulator.createAccount({ exchange: 'okx' });
    const creds = (a: typeof bybit) => ({
      apiKey: a.apiKey,
      apiSecret: a.apiSecret,
      passphrase: a.passphrase,
    });
    const res = await mf.dispatchFetch('http://localhost/', {
      method: 'POST',
      body: JSON.stringify({
        url: server.url,
        cases: [
          { name: 'bybit', exchange: 'bybit', credentials: creds(bybit) },
          { name: 'bingx', exchange: 'bingx', credentials: creds(bingx) },
          {
            name: 'okx bad secret',
            exchange: 'okx',
            credentials: { ...creds(okx), apiSecret: 'F'.repeat(32) },
          },
        ],
      }),
    });
    const report = (await res.json()) as { runtime: string; results: Record<string, unknown>[] };
    const [b, x, bad] = report.results;
    expect(b).toMatchObject({ name: 'bybit', success: true, closedCleanly: true });
    expect(x).toMatchObject({ name: 'bingx', success: true, closedCleanly: true });
    expect(bad).toMatchObject({ name: 'okx bad secret', success: false, code: 'auth.invalid_signature' });
  });
});
