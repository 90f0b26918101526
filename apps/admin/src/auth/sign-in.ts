import { verifyToken } from '@cts/api';
import type { AdminPrincipal, ResolvedAdminOptions } from '../options.ts';
import { constantTimeEqual } from './constant-time.ts';

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

/** Checks a username and password against the configured users; every user is compared (no early exit). */
export async function principalFromPassword(
  options: ResolvedAdminOptions,
  username: string,
  password: string,
): Promise<AdminPrincipal | null> {
  let found: AdminPrincipal | null = null;
  for (const user of options.users) {
    const [u, p] = await Promise.all([
      constantTimeEqual(user.username, username),
      constantTimeEqual(user.password, password),
    ]);
    if (u && p && found === null) found = { sub: user.username, role: user.role };
  }
  return found;
}
