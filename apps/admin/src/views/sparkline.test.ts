import { describe, expect, it } from 'vitest';
import { healthSeries } from './health-series.ts';
import { barSparkline, sparkline } from './sparkline.ts';

describe('healthSeries', () => {
  it('buckets samples into uptime and average response time, leaving empty buckets null', () => {
    const s = healthSeries(
      [
        { connectionId: 'a', at: 0, success: true, responseTimeMs: 100 },
        { connectionId: 'a', at: 10, success: false, responseTimeMs: 300 },
        { connectionId: 'a', at: 250, success: true, responseTimeMs: 50 },
        { connectionId: 'a', at: 999, success: true, responseTimeMs: 1 },
      ],
      0,
      100,
      3,
    );
    expect(s.uptime).toEqual([50, null, 100]);
    expect(s.responseTime).toEqual([200, null, 50]);
    expect(s.recentResponseTimes).toEqual([100, 300, 50, 1]);
  });
});

describe('sparkline', () => {
  it('draws one polyline per run of values and a labelled SVG', async () => {
    const svg = String(await sparkline([0, 50, null, 100, 100], { label: 'Uptime <b>', min: 0, max: 100 }));
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Uptime &lt;b&gt;"');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('points="0.0,26.0 30.0,14.0"');
  });

  it('says there is no data when every value is missing', async () => {
    expect(String(await sparkline([null, null], { label: 'x' }))).toContain('no data');
  });
});

describe('barSparkline', () => {
  it('draws a bar per bucket, coloured by uptime, and a baseline for empty buckets', async () => {
    const svg = String(await barSparkline([100, null, 50, 95], { label: 'Uptime' }));
    expect(svg.match(/class="bar bar-ok"/g)).toHaveLength(1);
    expect(svg.match(/class="bar bar-err"/g)).toHaveLength(1);
    expect(svg.match(/class="bar bar-warn"/g)).toHaveLength(1);
    expect(svg.match(/class="bar-empty"/g)).toHaveLength(1);
    expect(svg).toContain('height="26.0"');
  });
});
