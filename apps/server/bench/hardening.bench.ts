/**
 * Bench: the hardening figures of issue #12 in one run, against a real server on loopback (simulator-backed):
 * the OpenAPI fuzzer, the malformed blast with 256 MiB admin sign-in bodies, and the secret scan of every reply,
 * the database file and the log (control-character credentials planted). Beside CTS, the same oversized sign-in
 * bodies sent to a bare Hono app that parses the form as the admin did before the body limit.
 * `npm run bench:hardening -w @cts/server` or `node apps/server/bench/hardening.bench.ts [perOperation] [blastRequests]`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { blast } from '../test/hardening/blast.ts';
import { fuzzOpenApi } from '../test/hardening/openapi-fuzz.ts';
import { plantSecrets } from '../test/hardening/plant.ts';
import { scanForSecrets } from '../test/hardening/secret-scan.ts';
import { startHarness } from '../test/harness.ts';

const PER_OPERATION = Number(process.argv[2] ?? 100);
const BLAST = Number(process.argv[3] ?? 2000);

async function bareHonoRss(bodies: number): Promise<{ before: number; peak: number; statuses: string }> {
  const app = new Hono();
  app.post('/admin/login', async (c) => c.text(String(Object.keys(await c.req.parseBody()).length)));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const mb = () => Math.round(process.memoryUsage().rss / 1048576);
  const before = mb();
  let peak = before;
  const statuses: Record<string, number> = {};
  for (let i = 0; i < bodies; i++) {
    const size = 64 * 1024 * 1024;
    const res = await fetch(`${url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'b'.repeat(size)}`,
    }).catch(() => null);
    peak = Math.max(peak, mb());
    const key = res ? String(res.status) : 'closed';
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  server.close();
  return { before, peak, statuses: JSON.stringify(statuses) };
}

const dir = mkdtempSync(join(tmpdir(), 'cts-hardening-bench-'));
const planted = await plantSecrets((masterKey) =>
  startHarness({ databaseUrl: `file:${join(dir, 'cts.db')}`, masterKey }),
);
const h = planted.harness;
let t = performance.now();
const fuzz = await fuzzOpenApi({
  url: h.url,
  token: h.adminToken,
  connectionIds: planted.connectionIds,
  batchIds: planted.batchIds,
  perOperation: PER_OPERATION,
});
const fuzzS = (performance.now() - t) / 1000;
t = performance.now();
const malformed = await blast({ url: h.url, token: h.adminToken, requests: BLAST });
const blastS = (performance.now() - t) / 1000;
await h.close();
const leaks = scanForSecrets(planted.secrets, {
  replies: [...planted.replies, ...fuzz.bodies, ...malformed.bodies].join('\n'),
  'database file': readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n'),
  log: h.logs.join('\n'),
});
rmSync(dir, { recursive: true, force: true });
const bare = await bareHonoRss(4);

console.log(`\nHardening (issue #12) — fuzzer ${PER_OPERATION}/operation, blast ${BLAST} requests\n`);
console.table([
  {
    check: 'OpenAPI fuzzer',
    requests: fuzz.requests,
    '5xx': fuzz.serverErrors.length,
    'schema violations': fuzz.violations.length,
    seconds: fuzzS.toFixed(1),
    statuses: JSON.stringify(fuzz.byStatus),
  },
  {
    check: 'malformed blast (CTS)',
    requests: malformed.requests,
    '5xx': malformed.serverErrors.length,
    'no reply': malformed.noReply.length,
    'RSS MB before→peak→after': `${malformed.rssBeforeMb}→${malformed.rssPeakMb}→${malformed.rssAfterMb}`,
    seconds: blastS.toFixed(1),
    statuses: JSON.stringify(malformed.byStatus),
  },
  {
    check: 'bare Hono parseBody, 4 × 64 MiB sign-in forms',
    requests: 4,
    'RSS MB before→peak→after': `${bare.before}→${bare.peak}`,
    statuses: bare.statuses,
  },
  {
    check: 'secret scan (replies, database file, log)',
    requests: Object.keys(planted.secrets).length,
    leaks: leaks.length,
  },
]);
for (const line of [
  ...fuzz.serverErrors,
  ...fuzz.violations,
  ...malformed.serverErrors,
  ...malformed.noReply,
])
  console.log(`  ${line}`);
for (const leak of leaks) console.log(`  LEAK: ${leak.secret} in ${leak.where}`);
if ([fuzz.serverErrors, fuzz.violations, malformed.serverErrors, leaks].some((l) => l.length > 0))
  process.exitCode = 1;
const looser = [...new Set(fuzz.looser)];
if (looser.length) {
  console.log('\nAccepted by the documented schema, refused by validation:');
  for (const l of looser) console.log(`  ${l}`);
}
// Every route's document is as strict as validation, besides the opaque cursor and the planted control-character
// credentials (a PATCH of those connections is refused for what is stored), as the hardening test asserts.
if (looser.some((l) => !/ cursor: |control characters/.test(l))) process.exitCode = 1;
