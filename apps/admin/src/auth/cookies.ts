import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ResolvedAdminOptions } from '../options.ts';

/** Whether cookies get `Secure` (and the `__Host-` prefix) for this request. */
export function isSecure(c: Context, options: ResolvedAdminOptions): boolean {
  if (options.secureCookies !== 'auto') return options.secureCookies;
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

function name(c: Context, options: ResolvedAdminOptions, base: string): string {
  return isSecure(c, options) ? `__Host-${base}` : base;
}

export const SESSION_COOKIE = 'cts_admin_session';
export const LOGIN_COOKIE = 'cts_admin_login';

/** Sets an HttpOnly, SameSite=Strict cookie on Path=/ (Secure over https). */
export function putCookie(
  c: Context,
  options: ResolvedAdminOptions,
  base: string,
  value: string,
  maxAgeS: number,
): void {
  const secure = isSecure(c, options);
  setCookie(c, name(c, options, base), value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: maxAgeS,
  });
}

export function readCookie(c: Context, options: ResolvedAdminOptions, base: string): string | undefined {
  return getCookie(c, name(c, options, base));
}

export function dropCookie(c: Context, options: ResolvedAdminOptions, base: string): void {
  deleteCookie(c, name(c, options, base), { path: '/', secure: isSecure(c, options) });
}
