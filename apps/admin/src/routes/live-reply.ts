import type { Context } from 'hono';
import type { Html } from '../views/html.ts';

/** A strong ETag of a rendered fragment: the first 128 bits of its SHA-256, hex, quoted. */
export async function etagOf(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
  return `"${hex}"`;
}

/** A live fragment rendered to text with its ETag (the ETag covers the body, not the wrapper that carries it). */
export interface LiveFragment {
  body: string;
  etag: string;
}

export async function renderLive(view: Html): Promise<LiveFragment> {
  const body = (await view).toString();
  return { body, etag: await etagOf(body) };
}

/**
 * The poll reply of a live region: 304 without a body when the caller's If-None-Match is the current ETag, else
 * the region with its new ETag. Never cached by the browser (the caller sends If-None-Match itself).
 */
export function liveReply(
  c: Context,
  fragment: LiveFragment,
  wrap: (f: LiveFragment) => Html,
): Response | Promise<Response> {
  const headers = { ETag: fragment.etag, 'Cache-Control': 'no-cache, private' };
  if (c.req.header('if-none-match') === fragment.etag) return c.body(null, 304, headers);
  return c.html(wrap(fragment), 200, headers);
}
