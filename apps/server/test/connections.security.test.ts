import { issueToken } from '@cts/api';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
let id: string;
let secrets: string[];
beforeAll(async () => {
  h = await startHarness();
  const body = await h.account('okx');
  secrets = [body.api_secret as string, body.api_passphrase as string, body.api_key as string];
  const created = await h.create(body);
  id = created.json.connection.id;
  await h.waitForState(id, 'active');
});
afterAll(() => h.close());

const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('security', () => {
  it('answers 401 without a token and with malformed, expired, forged and alg:none tokens', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const expired = await issueToken({
      secret: h.jwtSecret,
      sub: 'x',
      role: 'admin',
      ttl: 60,
      now: Date.now() - 7_200_000,
    });
    const forged = await issueToken({ secret: `${h.jwtSecret}-not-ours`, sub: 'x', role: 'admin' });
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'x', role: 'admin', exp })}.`;
    const hs512 = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(h.jwtSecret));
    for (const token of [null, 'garbage', expired, forged, none, hs512]) {
      const res = await h.request('GET', '/api/settings/connections', { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    }
    const basic = await h.request('GET', '/api/system/status', {
      token: null,
      headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
  });

  it('lets viewers read and answers 403 when a viewer writes or runs a test', async () => {
    const v = { token: h.viewerToken };
    expect((await h.request('GET', '/api/settings/connections', v)).status).toBe(200);
    expect((await h.request('GET', `/api/settings/connections/${id}`, v)).status).toBe(200);
    expect((await h.request('GET', '/api/settings/connections/health', v)).status).toBe(200);
    expect((await h.request('GET', '/api/system/status', v)).status).toBe(200);
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/settings/connections', await h.account('bybit')],
      ['PATCH', `/api/settings/connections/${id}`, { name: 'x' }],
      ['DELETE', `/api/settings/connections/${id}`, undefined],
      ['POST', `/api/settings/connections/${id}/test`, undefined],
      ['POST', `/api/settings/connections/${id}/pause`, undefined],
      ['POST', '/api/settings/connections/batch-test', { connectionIds: [id] }],
      ['POST', '/api/settings/connections/batches', { connectionIds: [id] }],
    ];
    for (const [method, path, body] of writes) {
      const res = await h.request(method, path, { ...v, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await h.request('GET', `/api/settings/connections/${id}`)).json.connection.state).toBe('active');
  });

  it('returns the API key masked and never returns or logs the secret, passphrase or key', async () => {
    const replies = [
      await h.request('GET', '/api/settings/connections'),
      await h.request('GET', `/api/settings/connections/${id}`),
      await h.request('POST', `/api/settings/connections/${id}/test`),
      await h.request('PATCH', `/api/settings/connections/${id}`, { body: { name: 'renamed' } }),
      await h.request('GET', '/api/settings/connections/health'),
      await h.request('GET', '/metrics'),
    ];
    const connection = replies[1]!.json.connection;
    expect(connection.api_key_masked).toContain('…');
    expect(connection.api_key_masked.length).toBeLessThan(12);
    for (const key of ['api_key', 'api_secret', 'api_passphrase', 'credentials'])
      expect(connection).not.toHaveProperty(key);
    const everything = [...replies.map((r) => r.text), ...h.logs].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('puts a request id and the secure headers on every response, errors included', async () => {
    for (const res of [
      await h.request('GET', '/api/settings/connections'),
      await h.request('GET', '/api/settings/connections', { token: null }),
      await h.request('GET', '/api/nowhere'),
      await h.request('GET', '/api/openapi.json', { token: null }),
    ]) {
      const rid = res.headers.get('x-request-id');
      expect(rid).toMatch(/^[\w-]{8,}$/);
      if (res.status >= 400) expect(res.json.error.requestId).toBe(rid);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toContain('max-age');
    }
  });

  it('answers an unexpected failure with a 500 that carries a request id and nothing else', async () => {
    const other = await startHarness();
    try {
      const body = await other.account('binance');
      // Break the database under the running server: the next read fails in a way no client caused.
      const storage = other.cts.storage.connections as unknown as { list: () => Promise<never> };
      storage.list = async () => {
        throw new Error(`SQLITE_IOERR while reading credentials ${body.api_secret}`);
      };
      const res = await other.request('GET', '/api/settings/connections');
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe('internal');
      expect(res.json.error.requestId).toBe(res.headers.get('x-request-id'));
      expect(res.text).not.toContain(body.api_secret as string);
      expect(res.text).not.toContain('SQLITE');
      expect(
        other.logs.some((l) => l.includes('unexpected error') && l.includes(res.json.error.requestId)),
      ).toBe(true);
    } finally {
      await other.close();
    }
  });
});
