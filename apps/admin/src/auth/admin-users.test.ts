import { describe, expect, it } from 'vitest';
import { formatAdminUser, parseAdminUsers } from './admin-users.ts';
import { hashPassword } from './password-hash.ts';

describe('parseAdminUsers', () => {
  it('reads the lines the CLI writes and the comma-separated env form, skipping comments', async () => {
    const hash = await hashPassword('a long password', { iterations: 100_000 });
    const line = formatAdminUser({ username: 'ops', role: 'admin', passwordHash: hash });
    expect(parseAdminUsers(`# users\n${line}\n\n`)).toEqual([
      { username: 'ops', role: 'admin', passwordHash: hash },
    ]);
    const two = parseAdminUsers(`${line},alice:viewer:${hash}`);
    expect(two.map((u) => `${u.username}/${u.role}`)).toEqual(['ops/admin', 'alice/viewer']);
  });

  it('names the entry and the rule, never the hash, when a line is wrong', async () => {
    const hash = await hashPassword('a long password', { iterations: 100_000 });
    expect(() => parseAdminUsers(`ops root ${hash}`)).toThrow('entry 1: the role must be admin or viewer');
    expect(() => parseAdminUsers('ops admin plain-password')).toThrow(
      /entry 1: expected a pbkdf2-sha256 hash/,
    );
    expect(() => parseAdminUsers(`ops admin ${hash}\nOPS viewer ${hash}`)).toThrow(/appears twice/);
    try {
      parseAdminUsers(`bad name! admin ${hash}`);
    } catch (err) {
      expect((err as Error).message).not.toContain(hash);
    }
  });
});
