import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Json, startHarness } from './harness.ts';

let h: Harness;
let disabledId: string;
beforeAll(async () => {
  h = await startHarness();
  const created = await h.create({ ...(await h.account('bybit')), enabled: false });
  disabledId = created.json.connection.id;
});
afterAll(() => h.close());

function expectError(res: { status: number; json: Json }, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.success).toBe(false);
  expect(res.json.error.code).toBe(code);
  expect(res.json.error.requestId).toMatch(/\S+/);
  // A client's mistake does not go away by retrying the same request.
  expect(res.json.error.retryable).toBe(false);
  if (field !== undefined) expect(res.json.error.field).toBe(field);
}

describe('connections (errors)', () => {
  it('answers 400 naming the field and the rule for wrong types, unknown values and unknown fields', async () => {
    const base = await h.account('bybit');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, name: 42 }, 'name'],
      [{ ...base, exchange: 'kraken' }, 'exchange'],
      [{ ...base, api_type: 'options' }, 'api_type'],
      [{ ...base, is_testnet: 'yes' }, 'is_testnet'],
      [{ ...base, state: 'active' }, 'state'],
      [{ ...base, api_key: undefined }, 'api_key'],
    ];
    for (const [body, field] of cases) {
      const res = await h.create(body);
      expectError(res, 400, 'validation_failed', field);
      expect(res.json.error.rule.length).toBeGreaterThan(3);
    }
  });

  it('answers 400 for a combination outside the API-type matrix', async () => {
    const res = await h.create({ ...(await h.account('pionex')), api_type: 'margin' });
    expectError(res, 400, 'validation_failed', 'api_type');
    expect(res.json.error.rule).toContain('pionex supports');
    const patch = await h.request('PATCH', `/api/settings/connections/${disabledId}`, {
      body: { api_type: 'options' },
    });
    expectError(patch, 400, 'validation_failed', 'api_type');
    const pionex = (await h.create({ ...(await h.account('pionex')), enabled: false })).json.connection;
    const moved = await h.request('PATCH', `/api/settings/connections/${pionex.id}`, {
      body: { api_type: 'margin' },
    });
    expectError(moved, 400, 'validation_failed', 'api_type');
    expect(moved.json.error.rule).toContain('pionex supports');
    const after = await h.request('GET', `/api/settings/connections/${pionex.id}`);
    expect(after.json.connection).toMatchObject({ api_type: 'spot', version: pionex.version });
  });

  it('answers 400 for an OKX connection without a passphrase', async () => {
    const { api_passphrase: _omit, ...body } = await h.account('okx');
    const res = await h.create(body);
    expectError(res, 400, 'validation_failed', 'api_passphrase');
    expect(res.json.error.rule).toBe('required for okx');
  });

  it('answers 400 for more than 50 ids in a batch, and for bad filters', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `c-${i}`);
    const res = await h.request('POST', '/api/settings/connections/batch-test', {
      body: { connectionIds: ids },
    });
    expectError(res, 400, 'validation_failed', 'connectionIds');
    expect(res.json.error.rule).toBe('at most 50 ids per batch');
    const started = await h.request('POST', '/api/settings/connections/batches', {
      body: { connectionIds: ids },
    });
    expectError(started, 400, 'validation_failed', 'connectionIds');
    expectError(
      await h.request('GET', '/api/settings/connections?enabled=maybe'),
      400,
      'validation_failed',
      'enabled',
    );
    expectError(
      await h.request('GET', '/api/settings/connections?exchange=ftx'),
      400,
      'validation_failed',
      'exchange',
    );
    expectError(
      await h.request('GET', '/api/settings/connections/health?apiType=x'),
      400,
      'validation_failed',
      'apiType',
    );
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body and 413 for an oversized one', async () => {
    const malformed = await h.request('POST', '/api/settings/connections', {
      rawBody: '{"name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(malformed, 400, 'bad_request');
    const form = await h.request('POST', '/api/settings/connections', {
      rawBody: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectError(form, 415, 'unsupported_media_type');
    const huge = await h.create({ ...(await h.account('bybit')), name: 'x'.repeat(70_000) });
    expectError(huge, 413, 'payload_too_large');
  });

  it('answers 404 for unknown ids on every id route', async () => {
    const id = 'no-such-connection';
    expectError(await h.request('GET', `/api/settings/connections/${id}`), 404, 'not_found');
    expectError(
      await h.request('PATCH', `/api/settings/connections/${id}`, { body: { name: 'x' } }),
      404,
      'not_found',
    );
    expectError(await h.request('DELETE', `/api/settings/connections/${id}`), 404, 'not_found');
    expectError(await h.request('POST', `/api/settings/connections/${id}/test`), 404, 'not_found');
    expectError(await h.request('POST', `/api/settings/connections/${id}/pause`), 404, 'not_found');
    expectError(await h.request('GET', `/api/settings/connections/batches/${id}`), 404, 'not_found');
    expectError(await h.request('GET', `/api/settings/connections/batches/${id}/events`), 404, 'not_found');
    expectError(await h.request('GET', `/api/settings/connections/health?id=${id}`), 404, 'not_found');
    expectError(await h.request('GET', '/api/nothing-here'), 404, 'route_not_found');
  });

  it('answers 405 with an Allow header and a JSON body for a wrong method on a known path', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/api/settings/connections', 'GET, HEAD, POST'],
      ['GET', `/api/settings/connections/${disabledId}/test`, 'POST'],
      ['GET', `/api/settings/connections/${disabledId}/enable`, 'POST'],
      ['POST', '/metrics', 'GET, HEAD'],
    ] as const) {
      const res = await h.request(method, path);
      expectError(res, 405, 'method_not_allowed');
      expect(res.headers.get('allow')).toBe(allow);
    }
    expectError(await h.request('PUT', '/api/nothing-here'), 404, 'route_not_found');
  });

  it('answers 409 for an invalid transition and for a stale version', async () => {
    const pause = await h.request('POST', `/api/settings/connections/${disabledId}/pause`);
    expectError(pause, 409, 'invalid_transition');
    const resume = await h.request('POST', `/api/settings/connections/${disabledId}/resume`);
    expectError(resume, 409, 'invalid_transition');
    const current = (await h.request('GET', `/api/settings/connections/${disabledId}`)).json.connection;
    const first = await h.request('PATCH', `/api/settings/connections/${disabledId}`, {
      body: { name: 'first', version: current.version },
    });
    expect(first.status).toBe(200);
    const stale = await h.request('PATCH', `/api/settings/connections/${disabledId}`, {
      body: { name: 'second', version: current.version },
    });
    expectError(stale, 409, 'version_conflict', 'version');
    const staleAction = await h.request('POST', `/api/settings/connections/${disabledId}/enable`, {
      body: { version: current.version },
    });
    expectError(staleAction, 409, 'version_conflict');
  });

  it('never answers 500 to odd requests', async () => {
    const odd: Array<
      [string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }]
    > = [
      ['GET', '/api/settings/connections?exchange=bybit&exchange=okx', {}],
      ['GET', '/api/settings/connections?active=', {}],
      ['GET', `/api/settings/connections/${'x'.repeat(300)}`, {}],
      ['GET', '/api/settings/connections/%E2%9C%93%00', {}],
      [
        'POST',
        '/api/settings/connections',
        { rawBody: 'null', headers: { 'Content-Type': 'application/json' } },
      ],
      [
        'POST',
        '/api/settings/connections',
        { rawBody: '[1,2]', headers: { 'Content-Type': 'application/json' } },
      ],
      [
        'POST',
        '/api/settings/connections',
        { rawBody: '"text"', headers: { 'Content-Type': 'application/json' } },
      ],
      ['POST', '/api/settings/connections', {}],
      ['PATCH', `/api/settings/connections/${disabledId}`, { body: {} }],
      ['PATCH', `/api/settings/connections/${disabledId}`, { body: { name: 'x', version: 0 } }],
      ['PATCH', `/api/settings/connections/${disabledId}`, { body: { name: 'x', version: 1.5 } }],
      ['POST', `/api/settings/connections/${disabledId}/pause`, { body: { force: true } }],
      ['POST', '/api/settings/connections/batch-test', { body: { connectionIds: [] } }],
      ['POST', '/api/settings/connections/batch-test', { body: { connectionIds: [disabledId, disabledId] } }],
      ['POST', '/api/settings/connections/batch-test', { body: { connectionIds: 'all' } }],
      ['POST', '/api/settings/connections/batches', { body: { connectionIds: [disabledId], priority: 99 } }],
      ['PUT', '/api/settings/connections', { body: {} }],
      ['GET', '/api/settings/connections/health?id=', {}],
    ];
    for (const [method, path, options] of odd) {
      const res = await h.request(method, path, options);
      expect(res.status, `${method} ${path}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(500);
      expect(res.json.success).toBe(false);
    }
  });
});
