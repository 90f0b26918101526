import { API_TYPE_MATRIX, EXCHANGES } from '@cts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('connections (happy paths)', () => {
  it('creates a tested, active connection on every exchange against the simulator', async () => {
    for (const exchange of EXCHANGES) {
      const apiType = API_TYPE_MATRIX[exchange].includes('perpetual_futures') ? 'perpetual_futures' : 'spot';
      const res = await h.create(await h.account(exchange, { apiType }));
      expect(res.status, `${exchange}: ${res.text}`).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/settings/connections/${res.json.connection.id}`);
      expect(res.json.connection).toMatchObject({ exchange, api_type: apiType, is_enabled: true });
      const settled = await h.waitForState(res.json.connection.id, 'active');
      expect(settled.json.connection).toMatchObject({ is_active: true, last_test_success: true });
    }
  });

  it('lists with the seed shape and applies each filter', async () => {
    const all = await h.request('GET', '/api/settings/connections');
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({
      success: true,
      count: EXCHANGES.length,
      filters: { exchange: null, apiType: null, enabled: null, active: null },
    });
    const bybit = await h.request('GET', '/api/settings/connections?exchange=bybit&active=true');
    expect(bybit.json.count).toBe(1);
    expect(bybit.json.filters).toMatchObject({ exchange: 'bybit', active: true });
    const spot = await h.request('GET', '/api/settings/connections?apiType=spot&enabled=true');
    expect(spot.json.connections.every((c: { api_type: string }) => c.api_type === 'spot')).toBe(true);
    const disabled = await h.request('GET', '/api/settings/connections?enabled=false');
    expect(disabled.json.count).toBe(0);
  });

  it('gets, patches (conditionally on version) and deletes a connection', async () => {
    const created = await h.create({ ...(await h.account('binance')), enabled: false });
    expect(created.status).toBe(201);
    const { id, version } = created.json.connection;
    expect(created.json.connection.state).toBe('disabled');
    const got = await h.request('GET', `/api/settings/connections/${id}`);
    expect(got.json.connection.id).toBe(id);
    const patched = await h.request('PATCH', `/api/settings/connections/${id}`, {
      body: { name: 'Renamed', version },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.connection).toMatchObject({ name: 'Renamed', version: version + 1 });
    const deleted = await h.request('DELETE', `/api/settings/connections/${id}`);
    expect(deleted.json).toEqual({ success: true, id, deleted: true });
    expect((await h.request('GET', `/api/settings/connections/${id}`)).status).toBe(404);
  });

  it('moves through the state machine with enable, pause, resume and disable', async () => {
    const created = await h.create({ ...(await h.account('okx')), enabled: false });
    const id = created.json.connection.id;
    const enabled = await h.request('POST', `/api/settings/connections/${id}/enable`);
    expect(enabled.status).toBe(200);
    expect(['testing', 'active']).toContain(enabled.json.connection.state);
    await h.waitForState(id, 'active');
    const paused = await h.request('POST', `/api/settings/connections/${id}/pause`);
    expect(paused.json.connection.state).toBe('paused');
    const resumed = await h.request('POST', `/api/settings/connections/${id}/resume`, {
      body: { version: paused.json.connection.version },
    });
    expect(resumed.json.connection.state).toBe('active');
    const disabled = await h.request('POST', `/api/settings/connections/${id}/disable`);
    expect(disabled.json.connection).toMatchObject({ state: 'disabled', is_enabled: false });
  });

  it("tests one connection and answers with the seed's fields", async () => {
    const created = await h.create(await h.account('bybit', { apiType: 'unified' }));
    await h.waitForState(created.json.connection.id, 'active');
    const res = await h.request('POST', `/api/settings/connections/${created.json.connection.id}/test`);
    expect(res.status).toBe(200);
    expect(res.json.success).toBe(true);
    expect(typeof res.json.balance).toBe('number');
    expect(res.json.log.length).toBeGreaterThan(0);
    expect(res.json.log[0]).toMatch(/^\[\d{4}-\d\d-\d\dT/);
    expect(typeof res.json.duration).toBe('number');
    expect(res.json.connection.last_test_success).toBe(true);
    // The test's requests went through the rate limiter: health reports them as this connection's usage.
    const health = await h.request(
      'GET',
      `/api/settings/connections/health?id=${created.json.connection.id}`,
    );
    expect(health.json.connections[0].rateLimitUsage).toBeGreaterThan(0);
    const tasks = h.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'task' && l.exchange === 'bybit');
    expect(tasks.some((t) => t.operation === 'testConnection' && t.success === true)).toBe(true);
    const requests = h.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request' && l.route.endsWith('/test'));
    expect(requests.at(-1)).toMatchObject({ method: 'POST', status: 200, role: 'admin' });
  });

  it('streams a test with ?stream=1: step events as it runs, then the result (the same reply as JSON)', async () => {
    const body = await h.account('okx');
    const created = await h.create({ ...body, enabled: false });
    const id = created.json.connection.id;
    const res = await h.request('POST', `/api/settings/connections/${id}/test?stream=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = res.text
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!),
      }));
    const steps = events.filter((e) => e.event === 'step').map((e) => e.data.line);
    expect(events.at(-1)!.event).toBe('result');
    expect(events.slice(0, -1).every((e) => e.event === 'step')).toBe(true);
    const result = events.at(-1)!.data;
    expect(result).toMatchObject({ success: true, connection: { id, last_test_success: true } });
    expect(steps).toEqual(result.log);
    expect(steps.some((l: string) => l.includes('Fetching balance'))).toBe(true);
    expect(res.text).not.toContain(body.api_secret);

    const unknown = await h.request('POST', '/api/settings/connections/no-such-id/test?stream=1');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
    const invalid = await h.request('POST', `/api/settings/connections/${id}/test?stream=yes`);
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.field).toBe('stream');
  });

  it('reports a failed test as success:false with a code and a hint (not an HTTP error)', async () => {
    const body = await h.account('binance');
    const created = await h.create({ ...body, api_secret: 'wrong-secret', enabled: false });
    const res = await h.request('POST', `/api/settings/connections/${created.json.connection.id}/test`);
    expect(res.status).toBe(200);
    expect(res.json.success).toBe(false);
    expect(res.json.error.code).toMatch(/^auth\./);
    expect(res.json.error.hint.length).toBeGreaterThan(10);
  });
});
