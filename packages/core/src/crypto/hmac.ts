import { toBase64, toHex, utf8 } from './encoding.ts';

/** Imported HMAC keys by secret, so signing a request costs one sign and no import. Bounded. */
const keyCache = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 10_000;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value!);
    key = crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of a UTF-8 message under a UTF-8 secret, as raw bytes. */
export async function hmacSha256(secret: string, message: string | Uint8Array): Promise<Uint8Array> {
  const data = typeof message === 'string' ? utf8.encode(message) : message;
  return new Uint8Array(
    await crypto.subtle.sign('HMAC', await hmacKey(secret), data as Uint8Array<ArrayBuffer>),
  );
}

/** HMAC-SHA256 as lowercase hex (Bybit, Binance, BingX, Pionex, OrangeX). */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return toHex(await hmacSha256(secret, message));
}

/** HMAC-SHA256 as base64 (OKX). */
export async function hmacSha256Base64(secret: string, message: string): Promise<string> {
  return toBase64(await hmacSha256(secret, message));
}

/** SHA-256 digest as lowercase hex. */
export async function sha256Hex(message: string | Uint8Array): Promise<string> {
  const data = typeof message === 'string' ? utf8.encode(message) : message;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)));
}
