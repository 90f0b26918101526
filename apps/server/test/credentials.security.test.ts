import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialVault, EXCHANGES, type ExchangeId, generateMasterKey, parseMasterKeys } from '@cts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSignIn } from './admin-session.ts';
import { type Harness, startHarness } from './harness.ts';

/** The marker every planted credential carries: it must appear nowhere a person or a log can read. */
const MARK = 'LEAKMARK7Q';
const dir = mkdtempSync(join(tmpdir(), 'cts-leak-'));
const masterKey = `leak:${generateMasterKey()}`;
let h: Harness;
let closed = false;
const ids = new Map<ExchangeId, string>();

beforeAll(async () => {
  h = await startHarness({ databaseUrl: `file:${join(dir, 'cts.db')}`, masterKey });
  const vault = await CredentialVault.fromKeys(await parseMasterKeys(masterKey, ''));
  for (const exchange of EXCHANGES) {
    const created = await h.create({ ...(await h.account(exchange)), enabled: false });
    const id = created.json.connection.id as string;
    ids.set(exchange, id);
    // Planted past validation, as an older version or a direct database write could have stored it.
    const blob = await vault.seal(id, {
      apiKey: `K\n${MARK}-key-${exchange}`,
      apiSecret: `S\u0000${MARK}-secret`,
      ...(exchange === 'okx' ? { passphrase: `P\u0000${MARK}-pass` } : {}),
    });
    expect(await h.cts.storage.connections.replaceCredentials(id, blob)).toBe(true);
  }
});
afterAll(async () => {
  if (!closed) await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('credentials holding control characters', () => {
  it('are refused with 400 naming the field on POST, PATCH and the admin form', async () => {
    const body = await h.account('okx');
    for (const [field, value] of [
      ['api_key', 'K\nX'],
      ['api_secret', 'S\u0000X'],
      ['api_passphrase', 'P\u007fX'],
    ] as const) {
      const res = await h.create({ ...body, [field]: value });
      expect(res.status, field).toBe(400);
      expect(res.json.error).toMatchObject({ field, rule: 'must not contain control characters' });
      const id = ids.get('okx');
      const patch = await h.request('PATCH', `/api/settings/connections/${id}`, { body: { [field]: value } });
      expect(patch.status, field).toBe(400);
      expect(patch.json.error).toMatchObject({ field, rule: 'must not contain control characters' });
    }
    // An HMAC secret has no line breaks (a PEM key may): core refuses what the schema lets through.
    const hmac = await h.create({ ...body, api_secret: 'S\nX' });
    expect(hmac.json.error).toMatchObject({
      field: 'api_secret',
      rule: 'must not contain control characters',
    });
    const { cookie, csrf } = await adminSignIn(h.url, h.adminToken);
    const form = await fetch(`${h.url}/admin/connections`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
      body: new URLSearchParams({ ...(body as Record<string, string>), api_key: 'K\u0000X' }),
    });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain('must not contain control characters');
  });

  it('leave no trace in replies, stored rows, the database file or the log', async () => {
    const replies: string[] = [];
    const all = [...ids.values()];
    for (const id of all) {
      const test = await h.request('POST', `/api/settings/connections/${id}/test`);
      expect(test.status).toBeLessThan(500);
      replies.push(test.text);
      replies.push((await h.request('POST', `/api/settings/connections/${id}/enable`)).text);
    }
    const batch = await h.request('POST', '/api/settings/connections/batch-test', {
      body: { connectionIds: all },
    });
    expect(batch.status).toBe(200);
    expect(batch.json.failed).toBe(all.length);
    replies.push(batch.text);
    for (const path of [
      '/api/settings/connections',
      '/api/settings/connections/health',
      '/api/system/status',
      ...all.map((id) => `/api/settings/connections/${id}`),
    ])
      replies.push((await h.request('GET', path)).text);
    const { cookie } = await adminSignIn(h.url, h.adminToken);
    for (const path of ['/admin/connections', '/admin/health', '/admin/system'])
      replies.push(await (await fetch(`${h.url}${path}`, { headers: { cookie } })).text());
    const metrics = await fetch(`${h.url}/metrics`, { headers: { Authorization: `Bearer ${h.adminToken}` } });
    replies.push(await metrics.text());

    const stored = JSON.stringify([
      await h.cts.storage.connections.list(),
      ...(await Promise.all(all.map((id) => h.cts.storage.testResults.listByConnection(id, 50)))),
      ...(await Promise.all(
        (await h.cts.storage.batches.list()).map((b) => h.cts.storage.batches.tasks(b.id)),
      )),
    ]);
    // The failures were recorded, so the scan below looked at real error text.
    expect(stored).toMatch(/Network error|exchange/);
    await h.close();
    closed = true;
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));

    for (const [where, text] of [
      ['replies', replies.join('\n')],
      ['storage', stored],
      ['database file', files.join('\n')],
      ['log', h.logs.join('\n')],
    ] as const)
      expect(text.includes(MARK), `${where} quotes a credential`).toBe(false);
  });
});
