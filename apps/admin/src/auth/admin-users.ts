import type { AdminRole, AdminUser } from '../options.ts';
import { ADMIN_ROLES } from '../options.ts';
import { parsePasswordHash } from './password-hash.ts';

/** Usernames: letters, digits and . _ - @, 1 to 64 characters. */
export const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Reads named admin users from text, one per line (or separated by commas): `name role hash`, fields separated by
 * spaces or colons — the form `npm run admin-user -- add` writes, and CTS_ADMIN_USERS on the Worker. Blank lines and
 * lines starting with # are skipped. Throws a TypeError naming the line and the rule (never the hash).
 *
 * @example
 * parseAdminUsers('ops admin pbkdf2-sha256$600000$…$…'); // [{ username: 'ops', role: 'admin', passwordHash: '…' }]
 */
export function parseAdminUsers(text: string, source = 'admin users'): AdminUser[] {
  const users: AdminUser[] = [];
  const seen = new Set<string>();
  const lines = text.split(/[\n,]/).map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const [username, role, passwordHash, ...rest] = line.split(/[\s:]+/);
    const where = `${source}, entry ${i + 1}`;
    if (!username || !USERNAME.test(username))
      throw new TypeError(`${where}: the name must be 1-64 letters, digits, '.', '_', '-' or '@'`);
    if (!(ADMIN_ROLES as readonly string[]).includes(role ?? ''))
      throw new TypeError(`${where}: the role must be admin or viewer`);
    if (!passwordHash || rest.length > 0 || !parsePasswordHash(passwordHash))
      throw new TypeError(`${where}: expected a pbkdf2-sha256 hash (npm run admin-user -- add ${username})`);
    if (seen.has(username.toLowerCase())) throw new TypeError(`${where}: ${username} appears twice`);
    seen.add(username.toLowerCase());
    users.push({ username, role: role as AdminRole, passwordHash });
  }
  return users;
}

/** One line of the users file / CTS_ADMIN_USERS for a user. */
export function formatAdminUser(user: { username: string; role: AdminRole; passwordHash: string }): string {
  return `${user.username} ${user.role} ${user.passwordHash}`;
}
