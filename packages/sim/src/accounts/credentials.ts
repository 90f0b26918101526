import { generateKeyPairPem, type KeyType } from '@cts/core/crypto';
import type { ExchangeId } from '@cts/core/exchanges';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet = ALNUM): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** Key and secret lengths close to each exchange's real ones. */
const SHAPES: Record<ExchangeId, { key: number; secret: number }> = {
  bybit: { key: 18, secret: 36 },
  binance: { key: 64, secret: 64 },
  okx: { key: 36, secret: 32 },
  bingx: { key: 64, secret: 64 },
  pionex: { key: 48, secret: 48 },
  orangex: { key: 8, secret: 43 },
};

export interface GeneratedCredentials {
  apiKey: string;
  /** What the client signs with: the HMAC secret, or the PKCS#8 private key PEM. */
  apiSecret: string;
  hmacSecret?: string;
  publicKeyPem?: string;
}

/** New credentials for an account. RSA/Ed25519 pairs are generated; only the public key is kept. */
export async function generateCredentials(
  exchange: ExchangeId,
  keyType: KeyType,
): Promise<GeneratedCredentials> {
  const shape = SHAPES[exchange];
  const apiKey =
    exchange === 'okx'
      ? crypto.randomUUID()
      : exchange === 'orangex'
        ? randomString(8, '0123456789abcdef')
        : randomString(shape.key);
  if (keyType === 'hmac') {
    const secret = exchange === 'okx' ? randomString(32, '0123456789ABCDEF') : randomString(shape.secret);
    return { apiKey, apiSecret: secret, hmacSecret: secret };
  }
  const pair = await generateKeyPairPem(keyType);
  return { apiKey, apiSecret: pair.privateKeyPem, publicKeyPem: pair.publicKeyPem };
}

/** A random passphrase for OKX keys. */
export function generatePassphrase(): string {
  return `Sim-${randomString(12)}`;
}

/** A non-secret account id. */
export function generateAccountId(exchange: ExchangeId): string {
  return `${exchange}-${randomString(10, '0123456789abcdefghijklmnopqrstuvwxyz')}`;
}
