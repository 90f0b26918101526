import { createPrivateKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519Base64, generateKeyPairPem, rsaSha256Base64, verifyAsymmetric } from './asymmetric.ts';
import { fromBase64, fromHex, toBase64, toBase64Url, toHex, utf8 } from './encoding.ts';
import { hmacSha256Base64, hmacSha256Hex, sha256Hex } from './hmac.ts';

describe('encoding', () => {
  it('round-trips hex and base64 for every byte value', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('rejects malformed hex with a TypeError', () => {
    expect(() => fromHex('abc')).toThrow(TypeError);
    expect(() => fromHex('zz')).toThrow(TypeError);
  });

  it('encodes UTF-8 like the platform', () => {
    expect(toHex(utf8.encode('€ü'))).toBe(Buffer.from('€ü').toString('hex'));
  });
});

describe('hmac', () => {
  it('matches RFC 4231 test case 2', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(await hmacSha256Base64('Jefe', 'what do ya want for nothing?')).toBe(
      Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex').toString(
        'base64',
      ),
    );
  });

  it('hashes with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('asymmetric signing', () => {
  it('signs RSA-SHA256 with a PKCS#1 PEM that node verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const sig = await rsaSha256Base64(pkcs1, 'timestamp=1&x=2');
    expect(verify('sha256', Buffer.from('timestamp=1&x=2'), publicKey, Buffer.from(sig, 'base64'))).toBe(
      true,
    );
  });

  it('signs Ed25519 with a PKCS#8 PEM that node verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sig = await ed25519Base64(pem, 'apiKey=k&timestamp=1');
    expect(verify(null, Buffer.from('apiKey=k&timestamp=1'), publicKey, Buffer.from(sig, 'base64'))).toBe(
      true,
    );
  });

  it('generates PEM pairs that verify and refuse a tampered message', async () => {
    for (const type of ['rsa', 'ed25519'] as const) {
      const { privateKeyPem, publicKeyPem } = await generateKeyPairPem(type);
      expect(createPrivateKey(privateKeyPem).asymmetricKeyType).toBe(type);
      const sig =
        type === 'rsa' ? await rsaSha256Base64(privateKeyPem, 'm') : await ed25519Base64(privateKeyPem, 'm');
      expect(await verifyAsymmetric(type, publicKeyPem, 'm', sig)).toBe(true);
      expect(await verifyAsymmetric(type, publicKeyPem, 'n', sig)).toBe(false);
    }
  });

  it('rejects text that is not PEM with a TypeError', async () => {
    await expect(rsaSha256Base64('not a key', 'm')).rejects.toThrow(TypeError);
  });
});
