/** An admin's JSON requests to a Worker under test: a token signed with its JWT secret, JSON in and out. */
import { issueToken } from '@cts/api';
import type { WorkerUnderTest } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: replies are inspected freely
type Json = any;

export type AdminCall = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; text: string; json: Json }>;

/** A caller for `w` as the admin `sub` (token valid 1 h); an empty reply's json is null. */
export async function adminCall(w: WorkerUnderTest, sub: string): Promise<AdminCall> {
  const token = await issueToken({ secret: w.jwtSecret, sub, role: 'admin', ttl: '1h' });
  return async (method, path, body) => {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : null };
  };
}
