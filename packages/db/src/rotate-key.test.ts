import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AlertDispatcher, AlertService, openChannelSecrets } from '@cts/core/alerts';
import { CredentialVault, generateMasterKey } from '@cts/core/crypto';
import type { ConnectionRepo, EncryptedBlob, Storage } from '@cts/core/storage';
import { connectionFields } from '@cts/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { rotateMasterKey } from './rotate-key.ts';
import { openStorage, tempDir } from './test-helpers.ts';

const K1 = { id: 'k1', key: generateMasterKey() };
const K2 = { id: 'k2', key: generateMasterKey() };
const secretsOf = (i: number) => ({ apiKey: `rot-key-${i}-AAAAAAAA`, apiSecret: `rot-secret-${i}-BBBBBBBB` });

async function seed(storage: Storage, vault: CredentialVault, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await storage.connections.create(`c${i}`, connectionFields(), await vault.seal(`c${i}`, secretsOf(i)), i);
}

describe('rotateMasterKey', () => {
  it('re-encrypts alert channel secrets too, so they open with the new key alone', async () => {
    const { storage } = await openStorage();
    const old = await CredentialVault.fromKeys({ current: K1 });
    const dispatcher = new AlertDispatcher({ store: storage.alerts!, vault: old });
    const service = new AlertService({ store: storage.alerts!, vault: old, dispatcher });
    const { channel } = await service.createChannel({
      name: 'ops',
      type: 'slack',
      url: 'https://hooks.slack.com/services/T/B/rotate-me',
    });
    const vault = await CredentialVault.fromKeys({ current: K2, previous: [K1] });
    expect(await rotateMasterKey(storage, vault)).toMatchObject({ scanned: 1, rotated: 1, failed: [] });
    const stored = (await storage.alerts!.getChannel(channel.id))!;
    expect(stored.secrets.keyId).toBe('k2');
    const onlyNew = await CredentialVault.fromKeys({ current: K2 });
    expect((await openChannelSecrets(onlyNew, stored)).url).toBe(
      'https://hooks.slack.com/services/T/B/rotate-me',
    );
    expect(await rotateMasterKey(storage, vault)).toMatchObject({ scanned: 1, rotated: 0, current: 1 });
  });

  it('re-encrypts every blob under the new key; old blobs stay readable until then; a rerun does nothing', async () => {
    const { storage } = await openStorage();
    const old = await CredentialVault.fromKeys({ current: K1 });
    await seed(storage, old, 3);
    const vault = await CredentialVault.fromKeys({ current: K2, previous: [K1] });
    expect(await vault.open('c0', (await storage.connections.getCredentials('c0'))!)).toEqual(secretsOf(0));
    const versions = (await storage.connections.list()).map((c) => c.version);

    expect(await rotateMasterKey(storage, vault, { dryRun: true })).toMatchObject({ rotated: 3, current: 0 });
    expect((await storage.connections.getCredentials('c0'))!.keyId).toBe('k1');

    expect(await rotateMasterKey(storage, vault)).toEqual({
      scanned: 3,
      rotated: 3,
      current: 0,
      skipped: 0,
      failed: [],
    });
    const onlyNew = await CredentialVault.fromKeys({ current: K2 });
    for (const { id, credentials } of await storage.connections.listCredentials()) {
      expect(credentials.keyId).toBe('k2');
      expect(await onlyNew.open(id, credentials)).toEqual(secretsOf(Number(id.slice(1))));
      await expect(old.open(id, credentials)).rejects.toThrow(/not configured/);
    }
    expect((await storage.connections.list()).map((c) => c.version)).toEqual(versions);
    expect(await rotateMasterKey(storage, vault)).toEqual({
      scanned: 3,
      rotated: 0,
      current: 3,
      skipped: 0,
      failed: [],
    });
  });

  it('reports blobs whose key is not configured without touching them or revealing secrets', async () => {
    const { storage } = await openStorage();
    await seed(
      storage,
      await CredentialVault.fromKeys({ current: { id: 'lost', key: generateMasterKey() } }),
      1,
    );
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 0);
    const before = await storage.connections.getCredentials('c0');
    const report = await rotateMasterKey(
      storage,
      await CredentialVault.fromKeys({ current: K2, previous: [K1] }),
    );
    expect(report).toMatchObject({ scanned: 1, rotated: 0, failed: [{ id: 'c0', keyId: 'lost' }] });
    expect(JSON.stringify(report)).not.toContain('rot-secret');
    expect(await storage.connections.getCredentials('c0')).toEqual(before);
  });

  it('leaves every row readable when it dies part-way, and a rerun finishes the job', async () => {
    const { storage } = await openStorage();
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 5);
    const vault = await CredentialVault.fromKeys({ current: K2, previous: [K1] });
    let writes = 0;
    const dying: Storage = {
      ...storage,
      connections: {
        listCredentials: () => storage.connections.listCredentials(),
        replaceCredentials: async (id: string, blob: EncryptedBlob, expected?: EncryptedBlob) => {
          if (++writes > 2) throw new Error('killed');
          return storage.connections.replaceCredentials(id, blob, expected);
        },
      } as unknown as ConnectionRepo,
    };
    await expect(rotateMasterKey(dying, vault)).rejects.toThrow('killed');
    const keyIds = (await storage.connections.listCredentials()).map((c) => c.credentials.keyId);
    expect(keyIds.sort()).toEqual(['k1', 'k1', 'k1', 'k2', 'k2']);
    for (const { id, credentials } of await storage.connections.listCredentials())
      expect(await vault.open(id, credentials)).toEqual(secretsOf(Number(id.slice(1))));
    expect(await rotateMasterKey(storage, vault)).toMatchObject({ rotated: 3, current: 2, failed: [] });
  });
});

describe('rotateMasterKey and concurrent writers', () => {
  it('never overwrites a credentials update that lands between the scan and the write; it counts it skipped', async () => {
    const { storage } = await openStorage();
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 3);
    const vault = await CredentialVault.fromKeys({ current: K2, previous: [K1] });
    const edited = { apiKey: 'edited-key-CCCCCCCC', apiSecret: 'edited-secret-DDDDDDDD' };
    let raced = false;
    const racing: Storage = {
      ...storage,
      connections: {
        listCredentials: () => storage.connections.listCredentials(),
        replaceCredentials: async (id: string, blob: EncryptedBlob, expected?: EncryptedBlob) => {
          if (!raced) {
            // A person saves new keys for c0 (sealed under the current key) and deletes c1, after the scan.
            raced = true;
            await storage.connections.update(
              'c0',
              {},
              { now: 10, credentials: await vault.seal('c0', edited) },
            );
            await storage.connections.delete('c1');
          }
          return storage.connections.replaceCredentials(id, blob, expected);
        },
      } as unknown as ConnectionRepo,
    };
    expect(await rotateMasterKey(racing, vault)).toEqual({
      scanned: 3,
      rotated: 1,
      current: 0,
      skipped: 2,
      failed: [],
    });
    expect(await vault.open('c0', (await storage.connections.getCredentials('c0'))!)).toEqual(edited);
    expect(await storage.connections.getCredentials('c1')).toBeNull();
    expect((await storage.connections.getCredentials('c2'))!.keyId).toBe('k2');
    expect(await rotateMasterKey(storage, vault)).toMatchObject({ rotated: 0, current: 2, skipped: 0 });
  });
});

describe('rotate-key CLI', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const cli = fileURLToPath(new URL('./cli/rotate-key.ts', import.meta.url));
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('rotates a file database from any working directory and never prints a key', async () => {
    const url = tmp.url('cli.db');
    const { client, storage } = await openStorage(url);
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 2);
    client.close();
    const env = { CTS_MASTER_KEY: `${K2.id}:${K2.key}`, CTS_PREVIOUS_MASTER_KEYS: `${K1.id}:${K1.key}` };
    const res = run(['--db', url], env);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /2 credential blob\(s\); re-encrypted 2 under key "k2"; 0 already current; 0 unreadable/,
    );
    for (const k of [K1.key, K2.key]) expect(res.stdout + res.stderr).not.toContain(k);
    expect(run(['--db', url], env).stdout).toMatch(/re-encrypted 0 under key "k2"; 2 already current/);
    const reopened = await openStorage(url);
    tmp.track(reopened.client);
    expect((await reopened.storage.connections.listCredentials()).map((c) => c.credentials.keyId)).toEqual([
      'k2',
      'k2',
    ]);
  });

  it("opens the server's CTS_DATABASE_URL when --db is not given", async () => {
    const url = tmp.url('server.db');
    const { client, storage } = await openStorage(url);
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 1);
    client.close();
    const res = run([], {
      CTS_MASTER_KEY: `${K2.id}:${K2.key}`,
      CTS_PREVIOUS_MASTER_KEYS: `${K1.id}:${K1.key}`,
      CTS_DATABASE_URL: url,
    });
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain(`${url}: 1 credential blob(s); re-encrypted 1 under key "k2"`);
  });

  it('exits 2 naming the variable when the key is malformed, and 1 when a blob cannot be opened', async () => {
    const bad = run(['--db', tmp.url('x.db')], { CTS_MASTER_KEY: 'k:c2hvcnQ=' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^CTS_MASTER_KEY\.key: expected 32 bytes as base64, got 5 bytes/);
    const url = tmp.url('orphan.db');
    const { client, storage } = await openStorage(url);
    await seed(storage, await CredentialVault.fromKeys({ current: K1 }), 1);
    client.close();
    const res = run(['--db', url], { CTS_MASTER_KEY: `${K2.id}:${K2.key}` });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('c0 (key "k1")');
    expect(res.stderr).not.toContain(K2.key);
  });
});
