import { createApp, issueToken, MAX_BATCH_IDS } from '@cts/api';
import { ConnectionCoordinator, CredentialVault, generateMasterKey } from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdminApp } from './create-admin-app.ts';
import { CONTENT_SECURITY_POLICY } from './routes/security-headers.ts';

const SECRET = 'security-test-secret-that-is-long-enough-123';
let coordinator: ConnectionCoordinator;

beforeAll(async () => {
  const vault = await CredentialVault.fromKeys({ current: { id: 't', key: generateMasterKey() } });
  coordinator = new ConnectionCoordinator({ storage: createMemoryStorage(), vault });
});

function host(): Hono {
  const app = new Hono();
  app.route('/admin', createAdminApp({ coordinator, auth: { jwtSecret: SECRET } }));
  return app;
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs in with a token through the form, as a browser would; returns the session cookie and CSRF token. */
async function signIn(
  app: Hono,
  role: 'admin' | 'viewer' = 'admin',
): Promise<{ cookie: string; csrf: string }> {
  const login = await app.request('/admin/login');
  const loginCookie = cookiesOf(login);
  const formCsrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())![1]!;
  const token = await issueToken({ secret: SECRET, sub: 'tester', role });
  const res = await app.request('/admin/login', {
    method: 'POST',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: formCsrf, token, next: '/admin/connections' }),
  });
  expect(res.status).toBe(303);
  const setCookie = res.headers.getSetCookie().join('\n');
  // The session ends with the token that opened it (1 h), not the 8 h configured lifetime.
  expect(setCookie).toMatch(/cts_admin_session=[^;]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict/);
  const cookie = cookiesOf(res)
    .split('; ')
    .filter((c) => c.startsWith('cts_admin_session=') && c.length > 'cts_admin_session='.length)
    .join('; ');
  const page = await (await app.request('/admin/connections', { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(page)![1]!;
  // htmx sends the same token from <body hx-headers>.
  expect(page).toContain(`hx-headers="{&quot;X-CSRF-Token&quot;:&quot;${csrf}&quot;}"`);
  return { cookie, csrf };
}

describe('createAdminApp security', () => {
  it('sends the CSP without inline script or style on pages and assets', async () => {
    const app = host();
    for (const path of ['/admin/login', '/admin/assets/admin.css', '/admin/assets/htmx.min.js']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    const login = await (await app.request('/admin/login')).text();
    expect(login).not.toMatch(/<script>|<script(?![^>]*\bsrc=)|<style|\bstyle=|\son[a-z]+=/i);
    expect(login).toContain('<link rel="icon" href="/admin/assets/favicon.svg" type="image/svg+xml">');
    const icon = await app.request('/admin/assets/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
    const htmx = await (await app.request('/admin/assets/htmx.min.js')).text();
    expect(htmx).toContain('htmx');
  });

  it('redirects to sign-in when there is no session, and tells htmx to redirect', async () => {
    const app = host();
    const res = await app.request('/admin/connections');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fconnections');
    const hx = await app.request('/admin/connections', { headers: { 'hx-request': 'true' } });
    expect(hx.status).toBe(401);
    expect(hx.headers.get('hx-redirect')).toBe('/admin/login');
    const forged = await app.request('/admin/connections', {
      headers: { cookie: 'cts_admin_session=abc.def.ghi' },
    });
    expect(forged.status).toBe(303);
  });

  it('refuses sign-in when the login form token is missing, and a bad or API-unknown token', async () => {
    const app = host();
    const token = await issueToken({ secret: SECRET, sub: 'x', role: 'admin' });
    const noCsrf = await app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.headers.getSetCookie().join()).not.toContain('cts_admin_session=ey');
    const login = await app.request('/admin/login');
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())![1]!;
    const other = await issueToken({ secret: `${SECRET}-other`, sub: 'x', role: 'admin' });
    const bad = await app.request('/admin/login', {
      method: 'POST',
      headers: { cookie: cookiesOf(login), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: other }),
    });
    expect(bad.status).toBe(401);
    const text = await bad.text();
    expect(text).toContain('Sign-in failed: check the token.');
    // Token sign-in only: no username field, so the error names none.
    expect(text).not.toMatch(/username/i);
  });

  it('marks cookies Secure with the __Host- prefix over https', async () => {
    const app = host();
    const login = await app.request('https://cts.example/admin/login');
    const cookie = login.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(
      /^__Host-cts_admin_login=[0-9a-f]+; Max-Age=1800; Path=\/; HttpOnly; Secure; SameSite=Strict/,
    );
    const plain = await app.request('http://127.0.0.1/admin/login');
    expect(plain.headers.getSetCookie().join()).not.toMatch(/Secure|__Host-/);
  });

  it('throttles password guessing per username', async () => {
    const app = new Hono();
    const users = [{ username: 'ops', password: 'correct horse battery', role: 'admin' as const }];
    app.route('/admin', createAdminApp({ coordinator, auth: { jwtSecret: SECRET, users } }));
    const attempt = async (password: string) => {
      const login = await app.request('/admin/login');
      const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())![1]!;
      return app.request('/admin/login', {
        method: 'POST',
        headers: { cookie: cookiesOf(login), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, username: 'ops', password }),
      });
    };
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}-xxxxxxx`)).status).toBe(401);
    const blocked = await attempt('correct horse battery');
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many failed sign-ins');
  });

  it('never redirects outside the admin app after sign-in', async () => {
    const app = host();
    for (const next of ['https://evil.example/', '//evil.example/admin/', '/admin/../api', '/elsewhere']) {
      const login = await app.request(`/admin/login?next=${encodeURIComponent(next)}`);
      const html = await login.text();
      expect(html).toContain('name="next" value="/admin/connections"');
    }
  });

  it('refuses a non-GET without the CSRF token, with a wrong one, and from a viewer', async () => {
    const app = host();
    const created = await coordinator.createConnection({
      name: 'c',
      exchange: 'bybit',
      api_type: 'spot',
      api_key: 'kkkkkkkkkk',
      api_secret: 'ssssssssss',
      enabled: false,
    });
    const admin = await signIn(app);
    const post = (cookie: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
      app.request(`/admin/connections/${created.id}/actions/pause`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body),
      });
    expect((await post(admin.cookie, {})).status).toBe(403);
    expect((await post(admin.cookie, { _csrf: 'a'.repeat(64) })).status).toBe(403);
    // The right token passes the guard; the state machine then refuses pausing a disabled connection (409).
    expect((await post(admin.cookie, { _csrf: admin.csrf })).status).toBe(409);
    expect((await post(admin.cookie, {}, { 'x-csrf-token': admin.csrf })).status).toBe(409);
    const viewer = await signIn(app, 'viewer');
    const refused = await post(viewer.cookie, { _csrf: viewer.csrf });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/viewer/);
  });

  it('refuses a batch of more connections than the API allows (MAX_BATCH_IDS), before starting anything', async () => {
    const app = host();
    const admin = await signIn(app);
    const body = new URLSearchParams({ _csrf: admin.csrf });
    for (let i = 0; i <= MAX_BATCH_IDS; i++) body.append('ids', `id-${i}`);
    const res = await app.request('/admin/batches', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(
      `at most ${MAX_BATCH_IDS} connections; ${MAX_BATCH_IDS + 1} were chosen`,
    );
    expect(coordinator.queueStatus().queueLength).toBe(0);
  });

  it('answers with full paths when @cts/api mounts it, and at basePath when routed', async () => {
    const api = createApp({
      coordinator,
      jwtSecret: SECRET,
      mounts: { '/admin': createAdminApp({ coordinator, auth: { jwtSecret: SECRET } }) },
    });
    expect((await api.request('/admin/login')).status).toBe(200);
    expect((await api.request('/admin/assets/admin.js')).status).toBe(200);
    const custom = new Hono();
    custom.route('/ops', createAdminApp({ coordinator, auth: { jwtSecret: SECRET }, basePath: '/ops' }));
    const page = await custom.request('/ops/login');
    expect(await page.text()).toContain('href="/ops/assets/admin.css"');
  });

  it('throws a TypeError naming the field when options are invalid', () => {
    expect(() => createAdminApp({ coordinator, auth: {} })).toThrow(
      /auth: give jwtSecret, verifyToken or users/,
    );
    expect(() => createAdminApp({ coordinator, auth: { jwtSecret: 'short' } })).toThrow(/auth\.jwtSecret/);
    expect(() =>
      createAdminApp({
        coordinator,
        auth: { users: [{ username: 'a', password: 'longenough!!', role: 'admin' }] },
      }),
    ).toThrow(/auth\.sessionSecret/);
    expect(() =>
      createAdminApp({
        coordinator,
        auth: { jwtSecret: SECRET, users: [{ username: 'a', password: 'x', role: 'admin' }] },
      }),
    ).toThrow(/auth\.users\[0\]\.password/);
    expect(() => createAdminApp({ coordinator, auth: { jwtSecret: SECRET }, basePath: 'admin' })).toThrow(
      /basePath/,
    );
    expect(() => createAdminApp({ coordinator, auth: { jwtSecret: SECRET }, pollMs: 5 })).toThrow(/pollMs/);
  });
});
