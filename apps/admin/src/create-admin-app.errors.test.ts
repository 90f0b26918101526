import { issueToken } from '@cts/api';
import { ConnectionCoordinator, CredentialVault, generateMasterKey, type Logger } from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { describe, expect, it } from 'vitest';
import { createAdminApp } from './create-admin-app.ts';

const SECRET = 'errors-test-secret-that-is-long-enough-12345';

describe('createAdminApp errors', () => {
  it('logs an unexpected failure by class and path only, and answers a generic 500', async () => {
    const vault = await CredentialVault.fromKeys({ current: { id: 't', key: generateMasterKey() } });
    const real = new ConnectionCoordinator({ storage: createMemoryStorage(), vault });
    const coordinator = Object.assign(Object.create(real), {
      getSystemStatus: () => Promise.reject(new Error('storage said SECRETVALUE')),
    }) as ConnectionCoordinator;
    const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    const error = (msg: string, fields?: Record<string, unknown>) => lines.push({ msg, fields });
    const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error };
    const admin = createAdminApp({ coordinator, auth: { jwtSecret: SECRET }, logger });
    const login = await admin.fetch(new Request('http://x/admin/login'));
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await login.text())![1]!;
    const token = await issueToken({ secret: SECRET, sub: 'ops', role: 'viewer' });
    const signedIn = await admin.fetch(
      new Request('http://x/admin/login', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token }),
      }),
    );
    const session = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('cts_admin_session='))!
      .split(';')[0]!;
    const res = await admin.fetch(new Request('http://x/admin/system', { headers: { cookie: session } }));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('SECRETVALUE');
    expect(lines).toEqual([
      { msg: 'admin request failed', fields: { method: 'GET', path: '/admin/system', error: 'Error' } },
    ]);
  });
});
