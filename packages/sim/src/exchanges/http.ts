import type { Context } from 'hono';
import type { Reply } from './dialect.ts';

/** Bindings the Node server passes (the socket, for the client IP and connection resets). */
export interface SimBindings {
  incoming?: { socket?: { remoteAddress?: string; destroy?: () => void } };
}
export type SimEnv = { Bindings: SimBindings };
export type SimContext = Context<SimEnv>;

/** Header the pipeline sets on a reply that must become a connection reset (stripped by fetch/server). */
export const RESET_HEADER = 'x-sim-fault-reset';

/** The client IP: X-Forwarded-For's first hop only when trusted, else the socket, else the in-process IP. */
export function clientIp(c: SimContext, trustProxy: boolean, inProcessIp: string): string {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for');
    if (xff) return xff.split(',')[0]!.trim();
  }
  const remote = c.env?.incoming?.socket?.remoteAddress;
  if (!remote) return inProcessIp;
  return remote.startsWith('::ffff:') ? remote.slice(7) : remote;
}

/** The raw query string as sent (without `?`), undecoded. */
export function rawQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const hash = url.indexOf('#', q);
  return hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
}

/** Parses `a=1&b=2` into ordered pairs, decoding `+` and percent escapes; never throws. */
export function parsePairs(query: string): [string, string][] {
  if (!query) return [];
  const out: [string, string][] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.push([safeDecode(k), safeDecode(v)]);
  }
  return out;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Turns a Reply into a Response (JSON unless the body is already a string). */
export function toResponse(reply: Reply, extra: Record<string, string>, malformed = false): Response {
  const isText = typeof reply.body === 'string';
  let text = isText ? (reply.body as string) : JSON.stringify(reply.body);
  if (malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const headers: Record<string, string> = {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
    ...extra,
    ...reply.headers,
  };
  return new Response(text, { status: reply.status, headers });
}
