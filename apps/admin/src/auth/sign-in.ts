import { verifyToken } from '@cts/api';
import { randomHex } from '@cts/core';
import type { AdminPrincipal, AdminUser, ResolvedAdminOptions } from '../options.ts';
import { constantTimeEqual } from './constant-time.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

/**
 * Checks a sign-in token: the configured verifier, else the REST API's own check (HS256 under CTS_JWT_SECRET,
 * `exp` and `sub` required, `role` admin or viewer), so a token that works on the API works here.
 */
export async function principalFromToken(
  options: ResolvedAdminOptions,
  token: string,
): Promise<AdminPrincipal | null> {
  if (token.length === 0 || token.length > 8192) return null;
  if (options.verifyToken) return options.verifyToken(token);
  if (!options.jwtSecret) return null;
  try {
    return await verifyToken(options.jwtSecret, token);
  } catch {
    return null;
  }
}

/** Verified against when the username is unknown, so an unknown name costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password against the configured users: the name is compared with every user (no early
 * exit), then the password against that user's PBKDF2 hash (or a dummy hash when nobody has that name).
 */
export async function principalFromPassword(
  options: ResolvedAdminOptions,
  username: string,
  password: string,
): Promise<AdminPrincipal | null> {
  let found: AdminUser | undefined;
  for (const user of options.users) {
    const same = await constantTimeEqual(user.username.toLowerCase(), username.toLowerCase());
    if (same && found === undefined) found = user;
  }
  if (found?.passwordHash !== undefined) {
    return (await verifyPassword(password, found.passwordHash))
      ? { sub: found.username, role: found.role }
      : null;
  }
  if (found?.password !== undefined) {
    return (await constantTimeEqual(found.password, password))
      ? { sub: found.username, role: found.role }
      : null;
  }
  dummyHash ??= hashPassword(randomHex(16));
  await verifyPassword(password, await dummyHash);
  return null;
}
