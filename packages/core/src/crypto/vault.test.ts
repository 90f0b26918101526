import { describe, expect, it } from 'vitest';
import { CtsError } from '../errors/cts-error.ts';
import { fromBase64, toBase64 } from './encoding.ts';
import { CredentialVault, generateMasterKey, parseMasterKeys } from './vault.ts';

const SECRETS = {
  apiKey: 'KEY-recognisable-0001',
  apiSecret: 'SECRET-recognisable-0002',
  passphrase: 'pass-0003',
};

function flipFirstByte(b64: string): string {
  const bytes = fromBase64(b64);
  bytes[0] = bytes[0]! ^ 0x01;
  return toBase64(bytes);
}

describe('CredentialVault', () => {
  it('round-trips secrets and uses a fresh IV on every seal', async () => {
    const vault = await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } });
    const a = await vault.seal('conn-1', SECRETS);
    const b = await vault.seal('conn-1', SECRETS);
    expect(a.keyId).toBe('k1');
    expect(fromBase64(a.iv)).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(await vault.open('conn-1', a)).toEqual(SECRETS);
    expect(await vault.open('c', await vault.seal('c', { apiKey: 'k', apiSecret: 's' }))).toEqual({
      apiKey: 'k',
      apiSecret: 's',
    });
  });

  it('never puts a secret in the blob, in clear or in base64', async () => {
    const vault = await CredentialVault.fromKeys({ current: { id: 'k1', key: generateMasterKey() } });
    const text = JSON.stringify(await vault.seal('conn-1', SECRETS));
    for (const s of Object.values(SECRETS)) {
      expect(text).not.toContain(s);
      expect(text).not.toContain(btoa(s).slice(0, 12));
    }
  });

  it('refuses a blob moved to another connection, a tampered ciphertext, IV or key id', async () => {
    const vault = await CredentialVault.fromKeys({
      current: { id: 'k2', key: generateMasterKey() },
      previous: [{ id: 'k1', key: generateMasterKey() }],
    });
    const blob = await vault.seal('conn-1', SECRETS);
    await expect(vault.open('conn-2', blob)).rejects.toThrow(CtsError);
    await expect(vault.open('conn-2', blob)).rejects.toMatchObject({ code: 'vault.unreadable' });
    await expect(
      vault.open('conn-1', { ...blob, ciphertext: flipFirstByte(blob.ciphertext) }),
    ).rejects.toThrow(/authentication failed/);
    await expect(vault.open('conn-1', { ...blob, iv: flipFirstByte(blob.iv) })).rejects.toThrow(CtsError);
    await expect(vault.open('conn-1', { ...blob, keyId: 'k1' })).rejects.toThrow(CtsError);
    await expect(vault.open('conn-1', { ...blob, keyId: 'nope' })).rejects.toThrow(
      /"nope", which is not configured/,
    );
    await expect(vault.open('conn-1', { ...blob, iv: toBase64(new Uint8Array(8)) })).rejects.toThrow(
      /8 bytes/,
    );
  });

  it('opens blobs of a previous key and says they need rotation', async () => {
    const k1 = { id: 'k1', key: generateMasterKey() };
    const old = await CredentialVault.fromKeys({ current: k1 });
    const blob = await old.seal('conn-1', SECRETS);
    const rotated = await CredentialVault.fromKeys({
      current: { id: 'k2', key: generateMasterKey() },
      previous: [k1],
    });
    expect(rotated.needsRotation(blob)).toBe(true);
    expect(await rotated.open('conn-1', blob)).toEqual(SECRETS);
    const resealed = await rotated.seal('conn-1', await rotated.open('conn-1', blob));
    expect(resealed.keyId).toBe('k2');
    expect(rotated.needsRotation(resealed)).toBe(false);
    await expect(old.open('conn-1', resealed)).rejects.toThrow(CtsError);
  });

  it('rejects malformed keys with a TypeError naming the field, never echoing the key', async () => {
    const short = toBase64(new Uint8Array(16).fill(7));
    await expect(CredentialVault.fromKeys({ current: { id: 'k1', key: short } })).rejects.toThrow(
      /^current\.key: expected 32 bytes as base64, got 16 bytes$/,
    );
    await expect(
      CredentialVault.fromKeys({
        current: { id: 'k1', key: generateMasterKey() },
        previous: [{ id: 'k0', key: short }],
      }),
    ).rejects.toThrow(/previous\[0\]\.key/);
    await expect(
      CredentialVault.fromKeys({ current: { id: 'a:b', key: generateMasterKey() } }),
    ).rejects.toThrow(/current\.id/);
    const key = generateMasterKey();
    await expect(
      CredentialVault.fromKeys({
        current: { id: 'k1', key },
        previous: [{ id: 'k1', key: generateMasterKey() }],
      }),
    ).rejects.toThrow(/used twice/);
    await expect(CredentialVault.fromKeys({ current: { id: 'k1', key: `${key}!!` } })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('parseMasterKeys', () => {
  it('reads id:base64 lists and derives an id for a bare key', async () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    const keys = await parseMasterKeys(`new:${a}`, ` old1:${b}, ${a} `);
    expect(keys.current).toEqual({ id: 'new', key: a });
    expect(keys.previous![0]).toEqual({ id: 'old1', key: b });
    expect(keys.previous![1]!.id).toMatch(/^k[0-9a-f]{12}$/);
    expect((await parseMasterKeys(a)).current.id).toBe(keys.previous![1]!.id);
  });

  it('names the variable and never echoes the key', async () => {
    const bad = toBase64(new Uint8Array(31).fill(9));
    const err = await parseMasterKeys(`k:${bad}`).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/^CTS_MASTER_KEY\.key: expected 32 bytes/);
    expect((err as Error).message).not.toContain(bad);
    await expect(parseMasterKeys('')).rejects.toThrow(/CTS_MASTER_KEY/);
    await expect(parseMasterKeys(generateMasterKey(), `x:${bad}`)).rejects.toThrow(
      /CTS_PREVIOUS_MASTER_KEYS\[0\]/,
    );
  });
});
