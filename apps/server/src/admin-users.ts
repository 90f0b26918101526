import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdminUser, parseAdminUsers } from '@cts/admin';
import type { Env } from './env.ts';

/** The users file: CTS_ADMIN_USERS_FILE, else admin-users in the data directory. */
export function adminUsersFile(env: Pick<Env, 'CTS_ADMIN_USERS_FILE' | 'CTS_DATA_DIR'>): string {
  return env.CTS_ADMIN_USERS_FILE ?? join(env.CTS_DATA_DIR, 'admin-users');
}

/**
 * The named admin users: the users file (written by `npm run admin-user`) when it exists, then CTS_ADMIN_USERS.
 * A name in both is an error (which one wins would be a guess).
 */
export function loadAdminUsers(
  env: Pick<Env, 'CTS_ADMIN_USERS' | 'CTS_ADMIN_USERS_FILE' | 'CTS_DATA_DIR'>,
): AdminUser[] {
  const file = adminUsersFile(env);
  const fromFile = existsSync(file) ? parseAdminUsers(readFileSync(file, 'utf8'), file) : [];
  const fromEnv = env.CTS_ADMIN_USERS ? parseAdminUsers(env.CTS_ADMIN_USERS, 'CTS_ADMIN_USERS') : [];
  const names = new Set(fromFile.map((u) => u.username.toLowerCase()));
  for (const u of fromEnv)
    if (names.has(u.username.toLowerCase()))
      throw new TypeError(`CTS_ADMIN_USERS: ${u.username} is also in ${file}; keep one`);
  return [...fromFile, ...fromEnv];
}
