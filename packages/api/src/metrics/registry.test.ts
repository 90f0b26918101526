import { describe, expect, it } from 'vitest';
import { MetricsRegistry, renderGauge } from './registry.ts';

describe('MetricsRegistry', () => {
  it('renders counters and cumulative histogram buckets in Prometheus text format', () => {
    const r = new MetricsRegistry();
    r.inc('req_total', 'Requests', { route: '/a', status: '200' });
    r.inc('req_total', 'Requests', { route: '/a', status: '200' });
    r.observe('lat_seconds', 'Latency', { route: '/a' }, 0.003, [0.001, 0.005, 0.01]);
    r.observe('lat_seconds', 'Latency', { route: '/a' }, 0.02, [0.001, 0.005, 0.01]);
    const text = r.render();
    expect(text).toContain('# TYPE req_total counter');
    expect(text).toContain('req_total{route="/a",status="200"} 2');
    expect(text).toContain('lat_seconds_bucket{route="/a",le="0.001"} 0');
    expect(text).toContain('lat_seconds_bucket{route="/a",le="0.005"} 1');
    expect(text).toContain('lat_seconds_bucket{route="/a",le="+Inf"} 2');
    expect(text).toContain('lat_seconds_count{route="/a"} 2');
  });

  it('escapes label values', () => {
    expect(renderGauge('g', 'help', [{ labels: { a: 'x"y\\z' }, value: 1 }])).toContain(
      'g{a="x\\"y\\\\z"} 1',
    );
  });
});
