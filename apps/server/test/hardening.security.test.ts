/**
 * The hardening checks, bounded for npm test (the bench runs them bigger: npm run bench:hardening -w @cts/server):
 * the OpenAPI fuzzer, the malformed blast with an oversized admin body, and a secret scan of every reply, the
 * database file and the log, control-character credentials included.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blast } from './hardening/blast.ts';
import { fuzzOpenApi } from './hardening/openapi-fuzz.ts';
import { plantSecrets } from './hardening/plant.ts';
import { scanForSecrets } from './hardening/secret-scan.ts';
import { type Harness, startHarness } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cts-hardening-'));
let h: Harness;
let planted: Awaited<ReturnType<typeof plantSecrets>>;
let closed = false;
beforeAll(async () => {
  planted = await plantSecrets((masterKey) =>
    startHarness({ databaseUrl: `file:${join(dir, 'cts.db')}`, masterKey }),
  );
  h = planted.harness;
});
afterAll(async () => {
  if (!closed) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hardening', () => {
  it('fuzz, blast and scan: no 5xx, no schema violation, bounded memory, no secret anywhere', async () => {
    const fuzz = await fuzzOpenApi({
      url: h.url,
      token: h.adminToken,
      connectionIds: planted.connectionIds,
      batchIds: planted.batchIds,
      perOperation: 5,
    });
    expect(fuzz.serverErrors).toEqual([]);
    expect(fuzz.violations).toEqual([]);
    // What the document accepts, validation accepts too, on every route: besides the opaque cursor, and the planted credentials
    // (a PATCH of those connections is refused for what is stored, not for what was sent).
    expect(fuzz.looser.filter((l) => !/ cursor: |control characters/.test(l))).toEqual([]);
    const malformed = await blast({ url: h.url, token: h.adminToken, requests: 60 });
    expect(malformed.serverErrors).toEqual([]);
    expect(malformed.noReply).toEqual([]);
    // Twelve 256 MiB bodies went by: the server read none of them into memory.
    expect(malformed.rssPeakMb - malformed.rssBeforeMb).toBeLessThan(200);
    await h.close();
    closed = true;
    const leaks = scanForSecrets(planted.secrets, {
      replies: [...planted.replies, ...fuzz.bodies, ...malformed.bodies].join('\n'),
      'database file': readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n'),
      log: h.logs.join('\n'),
    });
    expect(leaks).toEqual([]);
  });
});
