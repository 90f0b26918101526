/** Queue cap, token lifetime and future iat over real HTTP (issue #12, item 8). */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { maxQueuedTasks: 3 } });
});
afterAll(() => h.close());

describe('limits', () => {
  it('refuses a batch beyond the queued-task cap with 429, Retry-After and a JSON error', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await h.create({ ...(await h.account('bybit')), enabled: false })).json.connection.id);
    const res = await h.request('POST', '/api/settings/connections/batches', {
      body: { connectionIds: ids },
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.json.error).toMatchObject({ code: 'queue_full', retryable: true });
    const within = await h.request('POST', '/api/settings/connections/batch-test', {
      body: { connectionIds: ids.slice(0, 3) },
    });
    expect(within.status).toBe(200);
  });

  it('refuses tokens living longer than 30 days and tokens issued in the future, on the API and the admin', async () => {
    const key = new TextEncoder().encode(h.jwtSecret);
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number) =>
      new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
    for (const token of [await sign(now, now + 365 * 86_400), await sign(now + 3600, now + 7200)]) {
      const res = await h.request('GET', '/api/settings/connections', { token });
      expect(res.status).toBe(401);
      const login = await fetch(`${h.url}/admin/login`);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())?.[1] ?? '';
      const signIn = await fetch(`${h.url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token }),
      });
      expect(signIn.status).toBe(401);
    }
    const ok = await h.request('GET', '/api/settings/connections', { token: await sign(now, now + 3600) });
    expect(ok.status).toBe(200);
  });
});
