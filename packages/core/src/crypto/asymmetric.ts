import { fromBase64, toBase64, utf8 } from './encoding.ts';

/** Key types exchanges accept for request signing. */
export const KEY_TYPES = ['hmac', 'rsa', 'ed25519'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

function pemBody(pem: string): { label: string; der: Uint8Array<ArrayBuffer> } {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]+?)-----END \1-----/.exec(pem);
  if (!match) throw new TypeError('privateKey: expected a PEM block ("-----BEGIN PRIVATE KEY-----")');
  return { label: match[1]!, der: fromBase64(match[2]!) };
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, the only private format Web Crypto imports. */
function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const algorithm = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
  ];
  const octet = [0x04, ...derLength(pkcs1.length)];
  const inner = [0x02, 0x01, 0x00, ...algorithm, ...octet];
  const total = inner.length + pkcs1.length;
  const out = new Uint8Array([0x30, ...derLength(total), ...inner, ...pkcs1]);
  return out;
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function importPrivate(pem: string, type: 'rsa' | 'ed25519'): Promise<CryptoKey> {
  const cacheKey = `${type}:${pem}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const { label, der } = pemBody(pem);
    const pkcs8 = label === 'RSA PRIVATE KEY' ? pkcs1ToPkcs8(der) : der;
    const algorithm = type === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'Ed25519' };
    key = crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
    key.catch(() => keyCache.delete(cacheKey));
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

/** RSASSA-PKCS1-v1_5 with SHA-256, base64 (Binance RSA keys, Bybit self-generated keys). Accepts PKCS#8 or PKCS#1 PEM. */
export async function rsaSha256Base64(privateKeyPem: string, message: string): Promise<string> {
  const key = await importPrivate(privateKeyPem, 'rsa');
  return toBase64(new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, utf8.encode(message))));
}

/** Ed25519 signature, base64 (Binance Ed25519 keys). PKCS#8 PEM. */
export async function ed25519Base64(privateKeyPem: string, message: string): Promise<string> {
  const key = await importPrivate(privateKeyPem, 'ed25519');
  return toBase64(new Uint8Array(await crypto.subtle.sign('Ed25519', key, utf8.encode(message))));
}

/** Verifies an RSA or Ed25519 base64 signature against an SPKI PEM public key (used by the simulator). */
export async function verifyAsymmetric(
  type: 'rsa' | 'ed25519',
  publicKeyPem: string,
  message: string,
  signatureB64: string,
): Promise<boolean> {
  const { der } = pemBody(publicKeyPem);
  const algorithm = type === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'Ed25519' };
  const key = await crypto.subtle.importKey('spki', der, algorithm, false, ['verify']);
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = fromBase64(signatureB64);
  } catch {
    return false;
  }
  return crypto.subtle.verify(algorithm.name, key, sig, utf8.encode(message));
}

/** Generates a key pair as PEM strings (PKCS#8 private, SPKI public), for tests and the simulator. */
export async function generateKeyPairPem(
  type: 'rsa' | 'ed25519',
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const algorithm =
    type === 'rsa'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        }
      : { name: 'Ed25519' };
  const pair = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pem = (label: string, buf: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${toBase64(new Uint8Array(buf))
      .replace(/(.{64})/g, '$1\n')
      .trimEnd()}\n-----END ${label}-----\n`;
  return {
    privateKeyPem: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    publicKeyPem: pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey)),
  };
}
