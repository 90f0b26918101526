import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@cts/api';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const JWT_SECRET = 'workerd-test-secret-that-is-long-enough-000';
let mf: Miniflare;

beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/worker-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'workerd', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  const htmx = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8');
  mf = new Miniflare({
    modules: true,
    script: out.outputFiles[0]!.text,
    compatibilityDate: '2025-09-01',
    bindings: { HTMX: htmx, JWT_SECRET },
  });
});

afterAll(async () => {
  await mf?.dispose();
});

describe('admin UI in workerd', () => {
  it('serves sign-in, htmx and a signed-in page without nodejs_compat', async () => {
    const login = await mf.dispatchFetch('http://localhost/admin/login');
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await login.text();
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
    const loginCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const htmx = await mf.dispatchFetch('http://localhost/admin/assets/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect((await htmx.text()).length).toBeGreaterThan(10_000);

    const token = await issueToken({ secret: JWT_SECRET, sub: 'w', role: 'admin' });
    const signIn = await mf.dispatchFetch('http://localhost/admin/login', {
      method: 'POST',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token }).toString(),
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    const session = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => /^cts_admin_session=./.test(c))!;
    const connections = await mf.dispatchFetch('http://localhost/admin/connections', {
      headers: { cookie: session },
    });
    expect(connections.status).toBe(200);
    expect(await connections.text()).toContain('No connections yet');
  });
});
