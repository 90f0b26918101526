/** Signs a test client into the admin UI over real HTTP: the login form's CSRF cookie, then the token. */
export async function adminSignIn(url: string, token: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${url}/admin/login`);
  const loginCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const formCsrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())?.[1] ?? '';
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: formCsrf, token, next: '/admin/connections' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.startsWith('cts_admin_session='))
    .join('; ');
  if (!cookie) throw new Error(`admin sign-in failed: HTTP ${res.status}`);
  const page = await (await fetch(`${url}/admin/connections`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(page)?.[1] ?? '';
  return { cookie, csrf };
}
