/**
 * Admin passwords hashed with PBKDF2-HMAC-SHA256 through Web Crypto (Node, Bun, Deno, Workers alike), stored as
 * `pbkdf2-sha256$<iterations>$<salt, base64url>$<hash, base64url>`: a 16-byte random salt, a 32-byte hash and
 * 600,000 iterations by default (OWASP Password Storage Cheat Sheet, 2023, for PBKDF2-HMAC-SHA256). The count is
 * stored with each hash, so it can be raised later without breaking older hashes.
 */

/** The default iteration count (OWASP 2023 for PBKDF2-HMAC-SHA256). */
export const PBKDF2_ITERATIONS = 600_000;
/** The lowest count a stored hash may have (refused below: too cheap to guess). */
export const PBKDF2_MIN_ITERATIONS = 100_000;
const PREFIX = 'pbkdf2-sha256';

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromB64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** A parsed hash, or null when the text is not one of ours. */
export function parsePasswordHash(
  encoded: string,
): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const parts = encoded.split('$');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const iterations = Number(parts[1]);
  const salt = fromB64url(parts[2]!);
  const hash = fromB64url(parts[3]!);
  if (!Number.isInteger(iterations) || iterations < PBKDF2_MIN_ITERATIONS || iterations > 10_000_000)
    return null;
  if (!salt || salt.length < 16 || !hash || hash.length !== 32) return null;
  return { iterations, salt, hash };
}

/**
 * Hashes a password for storage.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple'); // 'pbkdf2-sha256$600000$…$…'
 */
export async function hashPassword(password: string, options: { iterations?: number } = {}): Promise<string> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < PBKDF2_MIN_ITERATIONS || iterations > 10_000_000)
    throw new TypeError(`iterations: must be an integer between ${PBKDF2_MIN_ITERATIONS} and 10000000`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `${PREFIX}$${iterations}$${b64url(salt)}$${b64url(await derive(password, salt, iterations))}`;
}

/** Whether `password` matches the stored hash; compares every byte (no early exit). False for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const got = await derive(password, parsed.salt, parsed.iterations);
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i]! ^ parsed.hash[i]!;
  return diff === 0;
}
