/** What a user of the seed's API sends, accepted as they would expect (issue #12, item 12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('seed compatibility', () => {
  it("accepts the seed's own POST example (a passphrase for Bybit), ignoring the passphrase with a warning", async () => {
    const account = await h.account('bybit', { apiType: 'perpetual_futures' });
    const res = await h.create({
      ...account,
      name: 'My Bybit Account',
      api_passphrase: 'zzzz',
      margin_type: 'cross',
      position_mode: 'hedge',
      is_testnet: false,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.warnings).toEqual([
      expect.stringMatching(/^api_passphrase: bybit keys have no passphrase/),
    ]);
    const id = res.json.connection.id;
    const patched = await h.request('PATCH', `/api/settings/connections/${id}`, {
      body: { api_passphrase: 'zzzz', name: 'Renamed' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.connection.name).toBe('Renamed');
    expect(patched.json.warnings).toHaveLength(1);
    const okx = await h.create(await h.account('okx'));
    expect(okx.status).toBe(201);
    expect(okx.json.warnings).toBeUndefined();
  });

  it('filters the list by ?api_type= as well as ?apiType=', async () => {
    await h.create({ ...(await h.account('binance', { apiType: 'margin' })), enabled: false });
    for (const query of ['api_type=margin', 'apiType=margin']) {
      const res = await h.request('GET', `/api/settings/connections?${query}`);
      expect(res.status).toBe(200);
      expect(res.json.count).toBeGreaterThan(0);
      expect(res.json.connections.every((c: { api_type: string }) => c.api_type === 'margin')).toBe(true);
      expect(res.json.filters.apiType).toBe('margin');
    }
    const health = await h.request('GET', '/api/settings/connections/health?api_type=margin');
    expect(health.status).toBe(200);
  });

  it('runs a state action sent with a JSON content type and an empty body', async () => {
    const created = await h.create({ ...(await h.account('bybit')), enabled: false });
    const id = created.json.connection.id;
    const res = await h.request('POST', `/api/settings/connections/${id}/enable`, {
      rawBody: '',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.connection.state).toBe('testing');
  });

  it('answers a batch with an unknown id with a per-id "not found" result, testing the others', async () => {
    const created = await h.create({ ...(await h.account('okx')), enabled: false });
    const id = created.json.connection.id;
    const res = await h.request('POST', '/api/settings/connections/batch-test', {
      body: { connectionIds: [id, 'no-such-connection'] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ totalConnections: 2, successful: 1, failed: 1 });
    expect(res.json.results['no-such-connection']).toMatchObject({
      success: false,
      error: expect.stringContaining('does not exist'),
    });
  });

  it('returns every validation issue in the 400 body, not only the first', async () => {
    const res = await h.create({ name: '', exchange: 'kraken', api_type: 'options', api_key: 7 });
    expect(res.status).toBe(400);
    const fields = res.json.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'exchange', 'api_type', 'api_key', 'api_secret']));
    expect(res.json.error.field).toBe(res.json.error.issues[0].field);
  });

  it("words a refused action in the user's terms (actions, not internal events)", async () => {
    const created = await h.create({ ...(await h.account('bybit')), enabled: false });
    const res = await h.request('POST', `/api/settings/connections/${created.json.connection.id}/pause`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe('Cannot pause a connection that is disabled; you can enable it');
  });
});
