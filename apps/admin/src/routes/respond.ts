import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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
  status: ContentfulStatusCode,
  message: string,
  hint?: string,
): Promise<Response> {
  if (!isHtmx(c)) return c.text(hint ? `${message}\n${hint}` : message, status);
  return c.html(await flash('error', message, hint), status, {
    'HX-Retarget': '#flash',
    'HX-Reswap': 'innerHTML',
  });
}
