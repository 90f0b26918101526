import type { ConnectionCursor } from '@cts/core';
import { z } from 'zod';

const CURSOR = /^(\d{1,15})\.([\w-]{1,100})$/;

/** The opaque `next_cursor` of a page: base64url of `<created_at>.<id>` of its last record. */
export function encodeCursor(last: { created_at: number; id: string }): string {
  return btoa(`${last.created_at}.${last.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position a cursor names, or null when it is not one this API returned. */
export function decodeCursor(cursor: string): ConnectionCursor | null {
  if (!/^[\w-]{1,200}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const m = CURSOR.exec(text);
  return m ? { createdAt: Number(m[1]), id: m[2]! } : null;
}

/** `cursor` in a query: decoded, or a 400 naming the field. */
export const cursorSchema = z
  .string()
  .transform((value, ctx) => {
    const cursor = decodeCursor(value);
    if (cursor) return cursor;
    ctx.addIssue({ code: 'custom', message: "expected the next_cursor of a previous page's reply" });
    return z.NEVER;
  })
  .describe("The previous page's next_cursor (opaque); needs limit");

/** `limit` in a query: an integer from 1 to 1000. */
export const pageLimitSchema = z
  .string()
  // The whole rule in the pattern, so the OpenAPI document is as strict as validation.
  .regex(/^(1000|[1-9]\d{0,2})$/, 'expected an integer from 1 to 1000')
  .transform(Number)
  .describe(
    'Page size, 1–1000: the reply holds at most this many connections and a next_cursor. @default the whole list',
  );
