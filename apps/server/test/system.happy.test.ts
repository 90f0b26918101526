import { API_ROUTES } from '@cts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Json, startHarness } from './harness.ts';

let h: Harness;
let id: string;
beforeAll(async () => {
  h = await startHarness();
  const created = await h.create(await h.account('binance', { apiType: 'perpetual_futures' }));
  id = created.json.connection.id;
  await h.waitForState(id, 'active');
  await h.create({ ...(await h.account('bybit')), enabled: false });
});
afterAll(() => h.close());

describe('health, status, OpenAPI and metrics', () => {
  it("answers health with the seed's summary and filters by id, exchange and apiType", async () => {
    const all = await h.request('GET', '/api/settings/connections/health', { token: h.viewerToken });
    expect(all.status).toBe(200);
    expect(Date.parse(all.json.timestamp)).not.toBeNaN();
    expect(all.json.summary).toMatchObject({ totalConnections: 2, activeConnections: 1 });
    expect(all.json.summary.averageUptime).toMatch(/^\d+\.\d\d$/);
    expect(typeof all.json.summary.successRate).toBe('number');
    const one = await h.request('GET', `/api/settings/connections/health?id=${id}`);
    expect(one.json.connections).toHaveLength(1);
    expect(one.json.connections[0]).toMatchObject({ connectionId: id, exchange: 'binance', healthy: true });
    expect(
      (await h.request('GET', '/api/settings/connections/health?exchange=bybit')).json.connections,
    ).toHaveLength(1);
    const perp = await h.request('GET', '/api/settings/connections/health?apiType=perpetual_futures');
    expect(perp.json.connections.map((c: Json) => c.connectionId)).toEqual([id]);
  });

  it("answers system status with the seed's shape", async () => {
    const res = await h.request('GET', '/api/system/status', { token: h.viewerToken });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: expect.stringMatching(/^(healthy|degraded|unhealthy)$/),
      connections: { total: 2, active: 1, byExchange: { binance: 1, bybit: 1 } },
      health: { healthy: expect.any(Number), unhealthy: expect.any(Number) },
      metrics: { successRate: expect.stringMatching(/^\d+\.\d\d$/) },
      batch: { queueLength: expect.any(Number), activeTasks: expect.any(Number) },
      features: { rateLimiting: 'enabled', batchProcessing: 'enabled', healthMonitoring: 'enabled' },
    });
  });

  it('serves an OpenAPI 3.1 document covering every operation, and a script-free docs page', async () => {
    const res = await h.request('GET', '/api/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const { spec } of API_ROUTES) {
      const op = res.json.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method];
      expect(op?.operationId, spec.path).toBe(spec.operationId);
    }
    const create = res.json.paths['/api/settings/connections'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'exchange', 'api_type', 'api_key', 'api_secret']),
    );
    const list = res.json.paths['/api/settings/connections'].get;
    expect(list.parameters.map((p: Json) => p.name)).toEqual([
      'exchange',
      'apiType',
      'api_type',
      'enabled',
      'active',
      'limit',
      'cursor',
    ]);
    const docs = await h.request('GET', '/api/docs', { token: null });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).toContain('/api/settings/connections/{id}/test');
    expect(docs.text).not.toMatch(/<script|https?:\/\/(?!127)/);
    expect(docs.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('exposes Prometheus metrics: requests by route and status, latencies, connections by state, batch queue', async () => {
    await h.request('GET', '/api/settings/connections');
    await h.request('GET', '/api/settings/connections/nope');
    const res = await h.request('GET', '/metrics', { token: h.viewerToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(
      /cts_http_requests_total\{method="GET",route="\/api\/settings\/connections",status="200"\} \d+/,
    );
    expect(res.text).toContain('route="/api/settings/connections/:id",status="404"');
    expect(res.text).toContain('# TYPE cts_http_request_duration_seconds histogram');
    expect(res.text).toContain('cts_connections{state="active"} 1');
    expect(res.text).toContain('cts_connections{state="disabled"} 1');
    expect(res.text).toMatch(/cts_batch_queue_length \d+/);
    expect(res.text).toMatch(/cts_limiter_usage_percent\{exchange="binance",bucket="[^"]+"\} [\d.]+/);
  });

  it('mounts the admin UI at /admin, which asks for sign-in', async () => {
    const res = await fetch(`${h.url}/admin/connections`, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/^\/admin\//);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
