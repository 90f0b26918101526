import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyPassword } from '@cts/admin';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAdminUsers } from './admin-users.ts';

const CLI = fileURLToPath(new URL('./admin-user-cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cts-admin-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CTS_DATA_DIR: dir, CTS_ADMIN_USERS_FILE: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run admin-user', () => {
  it('adds a user from stdin as a PBKDF2 hash in a 0600 file the server reads, lists and removes it', async () => {
    const added = run(['add', 'ops', '--print'], 'correct horse battery\n');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added ops (admin)');
    const file = join(dir, 'admin-users');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse battery');
    const [user] = loadAdminUsers({
      CTS_DATA_DIR: dir,
      CTS_ADMIN_USERS: undefined,
      CTS_ADMIN_USERS_FILE: undefined,
    });
    expect(user).toMatchObject({ username: 'ops', role: 'admin' });
    expect(user!.passwordHash).toMatch(/^pbkdf2-sha256\$600000\$/);
    expect(await verifyPassword('correct horse battery', user!.passwordHash!)).toBe(true);
    // --print gives the Worker's CTS_ADMIN_USERS line.
    expect(added.out).toContain(`ops admin ${user!.passwordHash}`);
    expect(run(['list']).out).toBe('ops\tadmin\n');
    expect(run(['remove', 'ops']).code).toBe(0);
    expect(
      loadAdminUsers({ CTS_DATA_DIR: dir, CTS_ADMIN_USERS: undefined, CTS_ADMIN_USERS_FILE: undefined }),
    ).toEqual([]);
  });

  it('refuses a short password or a bad name with one line and the usage, writing nothing', () => {
    const short = run(['add', 'bob'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/^password: at least 12 characters\n\nUsage:/);
    const bad = run(['add', 'no spaces allowed'], 'correct horse battery\n');
    expect(bad.code).toBe(2);
    expect(run(['list']).out).toContain('No admin users');
  });
});
