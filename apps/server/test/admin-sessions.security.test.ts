/** Admin sessions end with their token and sign-out revokes them server-side (issue #12, item 5). */
import { issueToken } from '@cts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn } from './admin-session.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const page = (cookie: string) =>
  fetch(`${h.url}/admin/connections`, { headers: { cookie }, redirect: 'manual' });

describe('admin sessions', () => {
  it('end no later than the token that opened them', async () => {
    const token = await issueToken({ secret: h.jwtSecret, sub: 'short-lived', role: 'admin', ttl: '10m' });
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
    const login = await fetch(`${h.url}/admin/login`);
    const loginCookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())?.[1] ?? '';
    const res = await fetch(`${h.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token }),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('cts_admin_session='))!;
    expect(Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1])).toBeLessThanOrEqual(600);
    const stored = await h.cts.storage.sessions!.listActive(Date.now(), { sub: 'short-lived' });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.expiresAt).toBeLessThanOrEqual(exp * 1000);
    expect(stored[0]).toMatchObject({ role: 'admin', method: 'token', revokedAt: null });
  });

  it('are revoked by sign-out: a copied cookie no longer works', async () => {
    const { cookie, csrf } = await adminSignIn(h.url, h.adminToken);
    const copied = cookie;
    expect((await page(copied)).status).toBe(200);
    const out = await fetch(`${h.url}/admin/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    const after = await page(copied);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/admin\/login/);
    // Another session of the same person is untouched.
    const other = await adminSignIn(h.url, h.adminToken);
    expect((await page(other.cookie)).status).toBe(200);
  });
});
