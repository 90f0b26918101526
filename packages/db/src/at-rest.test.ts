import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskApiKey } from '@cts/core/connections';
import { CredentialVault, generateMasterKey } from '@cts/core/crypto';
import { connectionFields } from '@cts/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, tempDir } from './test-helpers.ts';

const SECRETS = {
  apiKey: 'RecognisableApiKey-7f3a9c2e1b',
  apiSecret: 'RecognisableSecret-d41d8cd98f00b204',
  passphrase: 'RecognisablePassphrase-0042',
};
const MASTER = { id: 'k1', key: generateMasterKey() };

/** Every text form in which a value could leak: clear, hex, and base64 at each of the 3 alignments. */
function forms(value: string): string[] {
  const bytes = Buffer.from(value);
  const out = [value, bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
  for (const pad of ['', 'x', 'xy']) {
    const b64 = Buffer.from(pad + value).toString('base64');
    out.push(b64.slice(4, -4));
  }
  return out;
}

function rawBytes(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('credentials at rest', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps no key, secret, passphrase or master key in the database files, in any encoding', async () => {
    const url = tmp.url('at-rest.db');
    const { client, storage } = await openStorage(url);
    const vault = await CredentialVault.fromKeys({ current: MASTER });
    const fields = connectionFields({ api_key_masked: maskApiKey(SECRETS.apiKey) });
    await storage.connections.create('c1', fields, await vault.seal('c1', SECRETS), 1);
    await storage.connections.update(
      'c1',
      { name: 'n' },
      { now: 2, credentials: await vault.seal('c1', SECRETS) },
    );
    const probe = 'RecognisableName-not-secret';
    await storage.connections.create(
      'c2',
      connectionFields({ name: probe }),
      await vault.seal('c2', SECRETS),
      3,
    );

    const check = () => {
      const raw = rawBytes(tmp.dir);
      expect(raw).toContain(probe); // the scan does see what is written
      for (const secret of [...Object.values(SECRETS), MASTER.key])
        for (const form of forms(secret)) expect(raw).not.toContain(form);
    };
    check();
    client.close();
    check();

    const reopened = await openStorage(url);
    tmp.track(reopened.client);
    expect(await vault.open('c1', (await reopened.storage.connections.getCredentials('c1'))!)).toEqual(
      SECRETS,
    );
  });

  it('refuses a stored blob whose ciphertext, IV or key id was altered, or that was moved to another row', async () => {
    const { client, storage } = await openStorage();
    const vault = await CredentialVault.fromKeys({
      current: MASTER,
      previous: [{ id: 'k0', key: generateMasterKey() }],
    });
    await storage.connections.create('c1', connectionFields(), await vault.seal('c1', SECRETS), 1);
    await storage.connections.create('c2', connectionFields(), await vault.seal('c2', SECRETS), 1);
    const blob = (await storage.connections.getCredentials('c1'))!;
    const flip = (b64: string, at: number) => {
      const b = Buffer.from(b64, 'base64');
      b[at] = b[at]! ^ 0x80;
      return b.toString('base64');
    };
    const tampered = [
      { ...blob, ciphertext: flip(blob.ciphertext, 3) },
      { ...blob, ciphertext: flip(blob.ciphertext, Buffer.from(blob.ciphertext, 'base64').length - 1) },
      { ...blob, iv: flip(blob.iv, 0) },
      { ...blob, keyId: 'k0' },
    ];
    for (const t of tampered) {
      await client.execute({
        sql: 'UPDATE connection_credentials SET key_id = ?, iv = ?, ciphertext = ? WHERE connection_id = ?',
        args: [t.keyId, t.iv, t.ciphertext, 'c1'],
      });
      await expect(vault.open('c1', (await storage.connections.getCredentials('c1'))!)).rejects.toMatchObject(
        {
          code: 'vault.unreadable',
        },
      );
    }
    await storage.connections.replaceCredentials('c2', blob);
    await expect(vault.open('c2', (await storage.connections.getCredentials('c2'))!)).rejects.toMatchObject({
      code: 'vault.unreadable',
    });
    client.close();
  });
});
