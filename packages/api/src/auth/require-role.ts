import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../deps.ts';
import { ForbiddenError, UnauthorizedError } from '../errors/api-errors.ts';
import { createTokenVerifier } from './tokens.ts';

/** Who may call an operation: anyone, any signed-in role (read), or admins only (writes and tests). */
export type Access = 'public' | 'viewer' | 'admin';

/** Bearer-JWT middleware: 401 without a valid token, 403 when a viewer calls an admin operation. */
export function requireRole(
  secret: string,
  access: Access,
  verify: (token: string) => Promise<{ sub: string; role: 'admin' | 'viewer' }> = createTokenVerifier(secret),
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (access === 'public') return next();
    const header = c.req.header('Authorization');
    if (!header) throw new UnauthorizedError('Missing Authorization: Bearer <token>');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer <token>"');
    const principal = await verify(match[1]!);
    c.set('principal', principal);
    if (access === 'admin' && principal.role !== 'admin')
      throw new ForbiddenError('This operation needs the admin role; viewers may only read');
    return next();
  };
}
