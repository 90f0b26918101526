import type { ConnectionSecrets } from '../connections/connection.ts';
import { CtsError } from '../errors/cts-error.ts';
import type { EncryptedBlob } from '../storage/encrypted-blob.ts';
import { fromBase64, toBase64, utf8 } from './encoding.ts';
import { sha256Hex } from './hmac.ts';

/** A master key: an id (stored beside every blob it seals) and 32 random bytes as base64. */
export interface MasterKey {
  /** 1–64 characters of `A-Z a-z 0-9 . _ -`. */
  id: string;
  /** 32 bytes, base64. */
  key: string;
}

export interface VaultKeys {
  /** Seals every new blob. */
  current: MasterKey;
  /** Older keys, only to open blobs not yet rotated. @default [] */
  previous?: MasterKey[];
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const IV_BYTES = 12;

function checkKey(field: string, value: MasterKey | undefined): void {
  if (!value || typeof value !== 'object') throw new TypeError(`${field}: expected { id, key }`);
  if (typeof value.id !== 'string' || !KEY_ID.test(value.id))
    throw new TypeError(`${field}.id: expected 1-64 characters of A-Z a-z 0-9 . _ -`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(String(value.key));
  } catch {
    throw new TypeError(`${field}.key: expected 32 bytes as base64, got text that is not base64`);
  }
  if (bytes.length !== 32)
    throw new TypeError(`${field}.key: expected 32 bytes as base64, got ${bytes.length} bytes`);
}

/** Binds a blob to its connection and its key id: a blob copied to another row or relabelled fails to open. */
function aad(connectionId: string, keyId: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(`cts-credentials:v1\u0000${connectionId}\u0000${keyId}`);
}

function unreadable(connectionId: string, reason: string, cause?: unknown): CtsError {
  return new CtsError(
    'vault.unreadable',
    `Credentials of connection ${connectionId} cannot be opened: ${reason}`,
    {
      context: { connectionId },
      cause,
    },
  );
}

/**
 * Encrypts connection secrets at rest: AES-256-GCM (Web Crypto), a random 12-byte IV per seal, the connection id
 * (and key id) as additional authenticated data, and the key id stored beside the ciphertext so the master key can
 * be rotated. Keys are imported non-extractable; they never appear in errors or logs.
 *
 * @example
 * const vault = await CredentialVault.fromKeys({ current: { id: 'k2', key: generateMasterKey() } });
 * const blob = await vault.seal('conn-1', { apiKey: 'k', apiSecret: 's' });
 * const secrets = await vault.open('conn-1', blob);
 */
export class CredentialVault {
  readonly currentKeyId: string;
  readonly #keys: Map<string, CryptoKey>;

  private constructor(currentKeyId: string, keys: Map<string, CryptoKey>) {
    this.currentKeyId = currentKeyId;
    this.#keys = keys;
  }

  /** Imports the keys. Throws a TypeError naming the field for a malformed id or a key that is not 32 bytes. */
  static async fromKeys(keys: VaultKeys): Promise<CredentialVault> {
    if (!keys || typeof keys !== 'object') throw new TypeError('keys: expected { current, previous? }');
    checkKey('current', keys.current);
    const previous = keys.previous ?? [];
    if (!Array.isArray(previous)) throw new TypeError('previous: expected an array of { id, key }');
    for (const [i, k] of previous.entries()) checkKey(`previous[${i}]`, k);
    const imported = new Map<string, CryptoKey>();
    for (const [i, k] of [keys.current, ...previous].entries()) {
      if (imported.has(k.id))
        throw new TypeError(`previous[${i - 1}].id: key id "${k.id}" is used twice; ids must be unique`);
      const raw = fromBase64(k.key);
      imported.set(k.id, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
      raw.fill(0);
    }
    return new CredentialVault(keys.current.id, imported);
  }

  /** Encrypts `secrets` for `connectionId` under the current key, with a fresh random IV. */
  async seal(connectionId: string, secrets: ConnectionSecrets): Promise<EncryptedBlob> {
    if (typeof connectionId !== 'string' || connectionId === '')
      throw new TypeError('connectionId: expected a non-empty string');
    if (typeof secrets?.apiKey !== 'string' || typeof secrets.apiSecret !== 'string')
      throw new TypeError('secrets: expected { apiKey: string, apiSecret: string, passphrase?: string }');
    const plain: ConnectionSecrets = { apiKey: secrets.apiKey, apiSecret: secrets.apiSecret };
    if (secrets.passphrase !== undefined) plain.passphrase = secrets.passphrase;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const key = this.#keys.get(this.currentKeyId)!;
    const data = utf8.encode(JSON.stringify(plain));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad(connectionId, this.currentKeyId) },
      key,
      data,
    );
    data.fill(0);
    return { keyId: this.currentKeyId, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(sealed)) };
  }

  /**
   * Decrypts a blob sealed for `connectionId` by this vault's current or a previous key.
   * Throws CtsError `vault.unreadable` for an unknown key id, a blob of another connection, or any alteration.
   */
  async open(connectionId: string, blob: EncryptedBlob): Promise<ConnectionSecrets> {
    const key = this.#keys.get(blob?.keyId);
    if (!key)
      throw unreadable(
        connectionId,
        `it was sealed with master key "${blob?.keyId}", which is not configured`,
      );
    let iv: Uint8Array<ArrayBuffer>;
    let ciphertext: Uint8Array<ArrayBuffer>;
    try {
      iv = fromBase64(blob.iv);
      ciphertext = fromBase64(blob.ciphertext);
    } catch (err) {
      throw unreadable(connectionId, 'the stored IV or ciphertext is not base64', err);
    }
    if (iv.length !== IV_BYTES) throw unreadable(connectionId, `the stored IV is ${iv.length} bytes, not 12`);
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: aad(connectionId, blob.keyId) },
        key,
        ciphertext,
      );
    } catch (err) {
      throw unreadable(
        connectionId,
        'authentication failed (wrong key, another connection, or altered data)',
        err,
      );
    }
    const bytes = new Uint8Array(plain);
    const parsed = JSON.parse(utf8.decode(bytes)) as ConnectionSecrets;
    bytes.fill(0);
    return parsed;
  }

  /** True when the blob was sealed by a key other than the current one (rotation re-encrypts it). */
  needsRotation(blob: EncryptedBlob): boolean {
    return blob.keyId !== this.currentKeyId;
  }
}

/** A new random 32-byte master key, base64 (for CTS_MASTER_KEY). */
export function generateMasterKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Parses master keys as configured in the environment: `current` is `id:base64` (or bare base64, whose id is then
 * `k` + the first 12 hex digits of its SHA-256), `previous` a comma-separated list of the same.
 * Throws a TypeError naming the variable, never echoing a key.
 */
export async function parseMasterKeys(
  current: string,
  previous = '',
  names: { current: string; previous: string } = {
    current: 'CTS_MASTER_KEY',
    previous: 'CTS_PREVIOUS_MASTER_KEYS',
  },
): Promise<VaultKeys> {
  const parse = async (spec: string, field: string): Promise<MasterKey> => {
    const trimmed = spec.trim();
    const colon = trimmed.indexOf(':');
    const key = colon === -1 ? trimmed : trimmed.slice(colon + 1);
    const id = colon === -1 ? `k${(await sha256Hex(key)).slice(0, 12)}` : trimmed.slice(0, colon);
    checkKey(field, { id, key });
    return { id, key };
  };
  if (typeof current !== 'string' || current.trim() === '')
    throw new TypeError(`${names.current}: expected id:base64 (a 32-byte key), got nothing`);
  const parts = previous.split(',').filter((p) => p.trim() !== '');
  const prev: MasterKey[] = [];
  for (const [i, p] of parts.entries()) prev.push(await parse(p, `${names.previous}[${i}]`));
  return { current: await parse(current, names.current), previous: prev };
}
