import type { Context } from 'hono';
import { flash } from '../views/layout.ts';

/** Whether the request came from htmx. */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}

/**
 * An error for the person: htmx requests get a flash message swapped into #flash; other requests plain text.
 * `hint` is the one-line remediation, when there is one.
 */
export async function refuse(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 422 | 500 | 502,
  message: string,
  hint?: string,
): Promise<Response> {
  if (!isHtmx(c)) return c.text(hint ? `${message}\n${hint}` : message, status);
  return c.html(await flash('error', message, hint), status, {
    'HX-Retarget': '#flash',
    'HX-Reswap': 'innerHTML',
  });
}
