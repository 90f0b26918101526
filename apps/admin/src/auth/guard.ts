import type { MiddlewareHandler } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import type { AdminEnv } from '../routes/env.ts';
import { isHtmx, refuse } from '../routes/respond.ts';
import { constantTimeEqual } from './constant-time.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import type { SessionCodec } from './session.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every page but sign-in and assets: a valid session cookie, and on every non-GET the session's CSRF token
 * (X-CSRF-Token header, sent by htmx from <body hx-headers>, or the `_csrf` form field) and the admin role.
 */
export function sessionGuard(
  options: ResolvedAdminOptions,
  codec: Promise<SessionCodec>,
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const session = await (await codec).read(readCookie(c, options, SESSION_COOKIE));
    if (!session) {
      const login = `${options.basePath}/login`;
      if (isHtmx(c)) return c.body(null, 401, { 'HX-Redirect': login });
      if (!SAFE_METHODS.has(c.req.method)) return c.text('Sign in first.', 401);
      const path = new URL(c.req.url).pathname;
      return c.redirect(`${login}?next=${encodeURIComponent(path)}`, 303);
    }
    c.set('session', session);
    if (!SAFE_METHODS.has(c.req.method)) {
      let given = c.req.header('x-csrf-token');
      if (!given) {
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
          const body = await c.req.parseBody({ all: true });
          const field = body['_csrf'];
          given = typeof field === 'string' ? field : undefined;
        }
      }
      if (!given || !(await constantTimeEqual(given, session.csrf)))
        return refuse(c, 403, 'Refused: the form is missing its CSRF token or it is wrong. Reload the page.');
      if (session.role !== 'admin')
        return refuse(c, 403, 'Refused: the viewer role can look but not change anything.');
    }
    await next();
  };
}
