/**
 * The connections board with 1,000 stored connections (a mix of error, paused, active and disabled rows): the
 * server's time to answer the list page, the live table's poll (200 with a body, and 304 when nothing changed), beside
 * the REST API's list (all rows, and one keyset page of 50); then Chromium's time to render the page.
 * `node apps/admin/bench/list.bench.ts [connections] [rounds]`; prints median and p99 per row.
 */

import type { AddressInfo } from 'node:net';
import { createApp, issueToken } from '@cts/api';
import {
  ConnectionCoordinator,
  type ConnectionWrite,
  CredentialVault,
  EXCHANGES,
  generateMasterKey,
} from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { connectionFields } from '@cts/testkit';
import { serve } from '@hono/node-server';
import { createAdminApp } from '../src/index.ts';
import { launchChromium } from '../test/harness.ts';

const STORED = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 100);
const SECRET = 'bench-secret-that-is-long-enough-0123456789';
const T0 = Date.UTC(2026, 0, 27, 10, 0, 0);
const STATES = ['active', 'active', 'active', 'disabled', 'error', 'paused'] as const;

function fields(i: number): ConnectionWrite {
  const state = STATES[i % STATES.length]!;
  return connectionFields({
    name: `bench ${i}`,
    exchange: EXCHANGES[i % EXCHANGES.length]!,
    api_type: 'spot',
    margin_type: null,
    position_mode: null,
    api_key_masked: 'benc…0000',
    state,
    last_test_at: state === 'disabled' ? null : T0 + i,
    last_test_success: state === 'active',
    last_error:
      state === 'error'
        ? {
            code: 'auth.invalid_key',
            message: 'API key is invalid.',
            hint: 'Check the API key and is_testnet.',
          }
        : null,
    last_balance: state === 'active' ? 1000 + i : null,
    last_balance_currency: state === 'active' ? 'USDT' : null,
  });
}

function stats(ms: number[]): { p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! };
}

const storage = createMemoryStorage();
for (let i = 0; i < STORED; i++)
  await storage.connections.create(
    crypto.randomUUID(),
    fields(i),
    { keyId: 'k', iv: `iv${i}`, ciphertext: `c${i}` },
    T0 + i,
  );
const vault = await CredentialVault.fromKeys({ current: { id: 'k', key: generateMasterKey() } });
const coordinator = new ConnectionCoordinator({ storage, vault, healthCheckIntervalMs: 3_600_000 });
const admin = createAdminApp({
  coordinator,
  auth: { jwtSecret: SECRET },
  healthSamples: storage.healthSamples,
});
const app = createApp({ coordinator, jwtSecret: SECRET, mounts: { '/admin': admin } });
const token = await issueToken({ secret: SECRET, sub: 'bench', role: 'admin' });

// Sign in through the form, as a browser does.
const login = await app.request('/admin/login');
const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())![1]!;
const signIn = await app.request('/admin/login', {
  method: 'POST',
  headers: {
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: new URLSearchParams({ _csrf: csrf, token }),
});
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(';')[0]!)
  .find((c) => /^cts_admin_session=./.test(c))!;

async function time(label: string, path: string, headers: Record<string, string>, expect: number) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const res = await app.request(path, { headers });
    bytes = (await res.arrayBuffer()).byteLength;
    ms.push(performance.now() - t);
    if (res.status !== expect) throw new Error(`${path}: ${res.status}`);
  }
  const { p50, p99 } = stats(ms);
  return { what: label, 'median ms': p50.toFixed(2), 'p99 ms': p99.toFixed(2), 'body bytes': bytes };
}

const etag = (await app.request('/admin/connections/board', { headers: { cookie } })).headers.get('etag')!;
const rows = [
  await time(
    'admin page /admin/connections (50 of 1,000 rows, ranked)',
    '/admin/connections',
    { cookie },
    200,
  ),
  await time(
    'live poll /admin/connections/board, changed (200)',
    '/admin/connections/board',
    { cookie },
    200,
  ),
  await time(
    'live poll, unchanged (304 on If-None-Match)',
    '/admin/connections/board',
    { cookie, 'if-none-match': etag },
    304,
  ),
  await time(
    'REST GET /api/settings/connections (all rows, JSON)',
    '/api/settings/connections',
    { authorization: `Bearer ${token}` },
    200,
  ),
  await time(
    'REST GET /api/settings/connections?limit=50 (keyset page)',
    '/api/settings/connections?limit=50',
    { authorization: `Bearer ${token}` },
    200,
  ),
];
console.log(`\nServer, in process, ${STORED} connections, ${ROUNDS} rounds each:`);
console.table(rows);

// Chromium: navigation to the list page until the table is on screen.
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
});
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const [name, value] = cookie.split('=');
await context.addCookies([{ name: name!, value: value!, url }]);
const page = await context.newPage();
const nav: number[] = [];
const shown: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  await page.goto(`${url}/admin/connections`, { waitUntil: 'load' });
  await page.locator('#connections-table tbody tr').nth(49).waitFor();
  shown.push(performance.now() - t);
  nav.push(
    await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    ),
  );
}
const n = stats(nav.slice(3));
const s = stats(shown.slice(3));
console.log(`\nChromium, list page with ${STORED} connections (first 3 loads dropped as warm-up):`);
console.table([
  { what: 'navigation start → load event (ms)', median: n.p50.toFixed(1), p99: n.p99.toFixed(1) },
  { what: 'goto → 50th row on screen, driver-side (ms)', median: s.p50.toFixed(1), p99: s.p99.toFixed(1) },
]);
await browser.close();
server.close();
process.exit(0);
