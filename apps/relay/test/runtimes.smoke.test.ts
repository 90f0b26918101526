/**
 * `npm run relay` (Node) and `npm run relay:bun` start the same relay from the environment: each runs as a child
 * process on a free port, forwards a signed call from RELAY_LOCAL_ADDRESS (127.0.0.2) to a loopback target, and
 * stops on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomHex } from '@cts/core';
import { createRelayFetch } from '@cts/core/egress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder } from './fixtures.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let target: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  target = await startRecorder();
});
afterAll(() => target?.close());

/** Starts the relay under `runtime`; resolves once it logs its URL. */
function start(
  runtime: 'node' | 'bun',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(runtime, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${runtime} relay did not start: ${out}`)), 20_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`${runtime} relay exited ${code}: ${out}`)));
  });
}

describe.each(['node', 'bun'] as const)('relay on %s', (runtime) => {
  it('forwards a signed call from RELAY_LOCAL_ADDRESS and stops on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const secret = randomHex(32);
    const { child, url } = await start(runtime, {
      RELAY_SECRET: secret,
      RELAY_PORT: '0',
      RELAY_LOCAL_ADDRESS: '127.0.0.2',
      RELAY_SIMULATOR_URL: target.url,
    });
    try {
      const f = createRelayFetch({
        relays: [{ url, secret, ips: ['127.0.0.2'] }],
        exchangeBaseUrl: target.url,
      });
      const res = await f(`${target.url}/okx/api/v5/account/balance`, { headers: { 'ok-access-key': 'k' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"ok":true}');
      expect(target.seen.at(-1)).toMatchObject({
        remoteAddress: '127.0.0.2',
        url: '/okx/api/v5/account/balance',
      });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
