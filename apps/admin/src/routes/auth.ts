import { randomHex } from '@cts/core';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { constantTimeEqual } from '../auth/constant-time.ts';
import { dropCookie, LOGIN_COOKIE, putCookie, readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import type { SessionCodec } from '../auth/session.ts';
import { principalFromPassword, principalFromToken } from '../auth/sign-in.ts';
import type { AdminPrincipal, ResolvedAdminOptions } from '../options.ts';
import { loginPage } from '../views/login-page.ts';
import type { AdminEnv } from './env.ts';

/** Only redirect inside the admin app (no open redirects). */
function safeNext(base: string, next: unknown): string {
  const fallback = `${base}/connections`;
  if (
    typeof next !== 'string' ||
    !next.startsWith(`${base}/`) ||
    next.includes('//') ||
    next.includes('..') ||
    next.includes('\\')
  )
    return fallback;
  return /^[A-Za-z0-9/_?=&.%-]*$/.test(next) ? next : fallback;
}

/**
 * GET/POST /login and POST /logout. The sign-in form carries a pre-session CSRF token (cookie + field) so that
 * nobody can sign a browser into another account.
 */
export function authRoutes(options: ResolvedAdminOptions, codec: Promise<SessionCodec>): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const base = options.basePath;
  const withToken = options.jwtSecret !== undefined || options.verifyToken !== undefined;
  const withPassword = options.users.length > 0;
  // Name only the fields the page has: no "username" when sign-in is by token only.
  const failedMessage =
    withToken && withPassword
      ? 'Sign-in failed: check the token, or the username and password.'
      : withPassword
        ? 'Sign-in failed: check the username and password.'
        : 'Sign-in failed: check the token.';
  const throttle = new LoginThrottle({ clock: options.clock });

  const page = async (
    c: Context<AdminEnv>,
    next: string,
    status: 200 | 401 | 403 | 429,
    error?: string,
    username?: string,
  ) => {
    const csrf = randomHex(16);
    putCookie(c, options, LOGIN_COOKIE, csrf, 1800);
    return c.html(await loginPage({ base, csrf, next, error, withToken, withPassword, username }), status);
  };

  app.get('/login', (c) => page(c, safeNext(base, c.req.query('next')), 200));

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const next = safeNext(base, field('next'));
    const expected = readCookie(c, options, LOGIN_COOKIE);
    if (!expected || !(await constantTimeEqual(expected, field('_csrf'))))
      return page(c, next, 403, 'The sign-in form expired. Please try again.');
    let principal: AdminPrincipal | null = null;
    const username = field('username');
    if (field('token')) principal = await principalFromToken(options, field('token').trim());
    else if (username) {
      const waitMs = throttle.retryAfterMs(username);
      if (waitMs > 0)
        return page(
          c,
          next,
          429,
          `Too many failed sign-ins for this user: try again in ${Math.ceil(waitMs / 60_000)} min.`,
          username,
        );
      principal = await principalFromPassword(options, username, field('password'));
      if (principal) throttle.succeeded(username);
      else throttle.failed(username);
    }
    if (!principal) return page(c, next, 401, failedMessage, username);
    const { token, maxAgeS } = await (await codec).issue(principal, field('token') ? 'token' : 'password');
    dropCookie(c, options, LOGIN_COOKIE);
    putCookie(c, options, SESSION_COOKIE, token, maxAgeS);
    return c.redirect(next, 303);
  });

  return app;
}

/** POST /logout (behind the guard, so it needs the session's CSRF token): revokes the stored session, drops the cookie. */
export function logoutRoute(options: ResolvedAdminOptions, codec: Promise<SessionCodec>): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/logout', async (c) => {
    await (await codec).revoke(readCookie(c, options, SESSION_COOKIE));
    dropCookie(c, options, SESSION_COOKIE);
    return c.redirect(`${options.basePath}/login`, 303);
  });
  return app;
}
