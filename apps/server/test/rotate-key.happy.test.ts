/** `npm run rotate-key` run bare beside the server's ./data, then the next start (issue #12, item 11). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMasterKey, type Logger } from '@cts/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createCts } from '../src/deps.ts';
import { resolveSecrets } from '../src/secrets.ts';
import { ROOT } from './child-server.ts';

const cwd = mkdtempSync(join(tmpdir(), 'cts-rotate-'));
const dataDir = join(cwd, 'data');
const databaseUrl = `file:${join(dataDir, 'cts.db')}`;
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Starts the system as `npm start` would from `cwd` (keys from ./data), returns its error log lines, stops it. */
async function start(): Promise<{ errors: string[]; ids: string[] }> {
  const secrets = resolveSecrets({ dataDir });
  const errors: string[] = [];
  const log = (level: string) => (msg: string) => {
    if (level === 'error') errors.push(msg);
  };
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const cts = await createCts({
    databaseUrl,
    masterKey: secrets.masterKey,
    previousMasterKeys: secrets.previousMasterKeys,
    jwtSecret: secrets.jwtSecret,
    logger,
    admin: false,
  });
  const ids = (await cts.coordinator.listConnections()).map((c) => c.id);
  await cts.close();
  return { errors, ids };
}

const rotate = (args: string[] = []) =>
  spawnSync(process.execPath, [join(ROOT, 'packages/db/src/cli/rotate-key.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run rotate-key, bare', () => {
  it('rotates ./data/master.key, keeps the old key, and the next start opens every credential', async () => {
    const secrets = resolveSecrets({ dataDir });
    const cts = await createCts({
      databaseUrl,
      masterKey: secrets.masterKey,
      jwtSecret: secrets.jwtSecret,
      admin: false,
    });
    for (const exchange of ['bybit', 'okx'] as const)
      await cts.coordinator.createConnection({
        name: exchange,
        exchange,
        api_type: 'spot',
        api_key: `key-${exchange}-0123456789`,
        api_secret: 'secret-0123456789',
        ...(exchange === 'okx' ? { api_passphrase: 'pass' } : {}),
        enabled: false,
      });
    await cts.close();
    const before = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();

    const res = rotate();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/2 credential blob\(s\); re-encrypted 2 under key "k2"/);
    expect(res.stdout).toContain('master.key now holds key "k2"');
    const after = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    expect(after).toMatch(/^k2:/);
    expect(readFileSync(join(dataDir, 'master.key.previous'), 'utf8')).toContain(before);
    for (const key of [before, after]) expect(res.stdout).not.toContain(key.slice(3));

    const next = await start();
    expect(next.errors).toEqual([]);
    expect(next.ids).toHaveLength(2);
    // Everything is under the new key: even without the previous-keys file every credential opens.
    rmSync(join(dataDir, 'master.key.previous'));
    expect((await start()).errors).toEqual([]);
    const dry = rotate(['--dry-run']);
    expect(dry.stdout).toMatch(/would re-encrypt 2 under key "k3"/);
    expect(dry.stdout).toContain('left as it is');
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(after);
  });

  it('says so loudly when a start can open no stored credential', async () => {
    writeFileSync(join(dataDir, 'master.key'), `k9:${generateMasterKey()}\n`);
    const { errors } = await start();
    expect(errors).toEqual(['NO stored credential can be opened with the configured master key']);
  });
});
