/**
 * The Worker in real workerd: Miniflare 4 (programmatic) over an esbuild bundle of src/index.ts, with a D1 database,
 * the LIMITER Durable Object (SQLite) and the secrets as bindings, served on a loopback port.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMasterKey, randomHex } from '@cts/core';
import { Miniflare } from 'miniflare';
import { bundleWorker } from './bundle.ts';

let script: Promise<string> | undefined;

export interface WorkerUnderTest {
  mf: Miniflare;
  /** http://127.0.0.1:<port> */
  url: string;
  jwtSecret: string;
  limiterSecret: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Directory for D1 and Durable Object state that outlives the Miniflare instance. @default a fresh tempDir() */
  persistDir?: string;
  /** Extra variables (CTS_EXCHANGE_BASE_URL, CTS_CRON_MAX_TASKS, …). */
  vars?: Record<string, string>;
  /** Reuse secrets across restarts. */
  secrets?: { jwtSecret: string; limiterSecret: string; masterKey: string };
}

export function testSecrets(): { jwtSecret: string; limiterSecret: string; masterKey: string } {
  return { jwtSecret: randomHex(32), limiterSecret: randomHex(32), masterKey: `t1:${generateMasterKey()}` };
}

/**
 * A fresh state directory on tmpfs (/dev/shm) when there is one: each Durable Object write is a committed SQLite
 * transaction, and on a loaded disk its fsync (~12 ms here) would dominate the suite's time. Semantics are the same.
 */
export function tempDir(where: 'tmpfs' | 'disk' = 'tmpfs'): { path: string; remove: () => void } {
  const base = where === 'tmpfs' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const path = mkdtempSync(join(base, 'cts-worker-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startWorker(options: StartOptions = {}): Promise<WorkerUnderTest> {
  script ??= bundleWorker();
  const own = options.persistDir === undefined ? tempDir() : undefined;
  const dir = options.persistDir ?? own!.path;
  const secrets = options.secrets ?? testSecrets();
  const mf = new Miniflare({
    modules: true,
    script: await script,
    compatibilityDate: '2026-08-01',
    host: '127.0.0.1',
    port: 0,
    d1Databases: ['DB'],
    durableObjects: { LIMITER: { className: 'LimiterObject', useSQLite: true } },
    d1Persist: `${dir}/d1`,
    durableObjectsPersist: `${dir}/do`,
    bindings: {
      CTS_MASTER_KEY: secrets.masterKey,
      CTS_JWT_SECRET: secrets.jwtSecret,
      CTS_LIMITER_SECRET: secrets.limiterSecret,
      CTS_LOG_LEVEL: 'warn',
      ...options.vars,
    },
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return {
    mf,
    url,
    jwtSecret: secrets.jwtSecret,
    limiterSecret: secrets.limiterSecret,
    async close() {
      await mf.dispose();
      own?.remove();
    },
  };
}
