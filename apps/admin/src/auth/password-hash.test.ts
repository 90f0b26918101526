import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './password-hash.ts';

describe('hashPassword / verifyPassword', () => {
  it('stores PBKDF2-SHA256 at 600,000 iterations by default, matching an independent implementation', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parsed = parsePasswordHash(stored)!;
    expect(stored).toMatch(/^pbkdf2-sha256\$600000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    // Node's OpenSSL PBKDF2 gives the same bytes.
    const expected = pbkdf2Sync('correct horse battery staple', parsed.salt, 600_000, 32, 'sha256');
    expect(Buffer.from(parsed.hash).equals(expected)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts every hash, and refuses malformed or too cheap hashes', async () => {
    const a = await hashPassword('same password!', { iterations: 100_000 });
    const b = await hashPassword('same password!', { iterations: 100_000 });
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', a.replace('$100000$', '$1000$'))).toBe(false);
    expect(await verifyPassword('same password!', 'plain text')).toBe(false);
    await expect(hashPassword('x', { iterations: 1000 })).rejects.toThrow(/iterations/);
  });
});
