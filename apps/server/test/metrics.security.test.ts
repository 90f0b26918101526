/** /metrics behind a token, with labels that reveal nothing and a series count bounded by exchanges × limits. */
import { randomHex } from '@cts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

const METRICS_TOKEN = randomHex(24);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { metricsToken: METRICS_TOKEN } });
});
afterAll(() => h.close());

const limiterSeries = (text: string) =>
  text.split('\n').filter((l) => l.startsWith('cts_limiter_usage_percent{'));

describe('/metrics', () => {
  it('answers 401 without a token, and 200 with a viewer JWT or CTS_METRICS_TOKEN', async () => {
    expect((await h.request('GET', '/metrics', { token: null })).status).toBe(401);
    expect((await h.request('GET', '/metrics', { token: 'not-the-metrics-token' })).status).toBe(401);
    expect((await h.request('GET', '/metrics', { token: h.viewerToken })).status).toBe(200);
    const prometheus = await h.request('GET', '/metrics', { token: METRICS_TOKEN });
    expect(prometheus.status).toBe(200);
    expect(prometheus.text).toContain('cts_connections{state=');
  });

  it('labels limiter series by exchange and limit only: no key-derived scope, no growth with connections', async () => {
    const first = await h.create(await h.account('binance'));
    await h.waitForState(first.json.connection.id, 'active');
    const one = limiterSeries((await h.request('GET', '/metrics', { token: METRICS_TOKEN })).text);
    expect(one.length).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      const more = await h.create(await h.account('binance'));
      await h.waitForState(more.json.connection.id, 'active');
    }
    const text = (await h.request('GET', '/metrics', { token: METRICS_TOKEN })).text;
    expect(limiterSeries(text).length).toBe(one.length);
    const keys = (await h.cts.limiter.metrics()).scopes.map((s) => s.key);
    expect(keys.length).toBeGreaterThan(one.length);
    for (const line of text.split('\n').filter((l) => !l.startsWith('#')))
      for (const label of line.matchAll(/="([^"]*)"/g)) {
        expect(keys).not.toContain(label[1]);
        // Nothing that looks like a hash (of a key) in any label value.
        expect(label[1]).not.toMatch(/[0-9a-f]{12,}/i);
      }
  });
});
