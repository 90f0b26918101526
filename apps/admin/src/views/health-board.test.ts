import type { ConnectionHealth, HealthReport } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { healthBoard } from './health-board.ts';

function entry(name: string, patch: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return {
    connectionId: name,
    name,
    exchange: 'bybit',
    apiType: 'spot',
    state: 'active',
    lastCheckTime: '2026-12-06T08:00:00.000Z',
    responseTime: 120,
    p95ResponseTime: 180,
    errorCount: 0,
    successCount: 5,
    uptime: 100,
    successRate: 100,
    totalRequests: 5,
    rateLimitUsage: 0.3,
    clockOffsetMs: 2,
    keyExpiresAt: null,
    keyAudit: null,
    maintenance: null,
    breaker: { state: 'closed', openedAt: null, nextProbeAt: null },
    healthy: true,
    ...patch,
  };
}

function report(connections: ConnectionHealth[], errorConnections = 0): HealthReport {
  return {
    timestamp: '2026-12-06T08:00:00.000Z',
    summary: {
      totalConnections: connections.length,
      activeConnections: connections.length - errorConnections,
      healthyConnections: connections.filter((c) => c.healthy).length,
      errorConnections,
      averageUptime: '90.00',
      totalRequests: 10,
      successRate: 90,
    },
    connections,
  } as HealthReport;
}

const render = async (r: HealthReport) =>
  (await healthBoard({ report: r, series: new Map(), slowMs: 2000, breakerThreshold: 3 })).toString();

describe('healthBoard', () => {
  it('lists the worst first, marks a p95 past the threshold as slow, and colours the error tile', async () => {
    const text = await render(
      report(
        [
          entry('fine'),
          entry('slow', { p95ResponseTime: 10_700 }),
          entry('broken', { state: 'error', healthy: false, errorCount: 15 }),
        ],
        1,
      ),
    );
    expect(text.indexOf('broken')).toBeLessThan(text.indexOf('slow'));
    expect(text.indexOf('slow')).toBeLessThan(text.indexOf('fine'));
    expect(text).toMatch(/data-slow[^>]*>p95 10700 ms \(slow\)/);
    expect(text).not.toMatch(/data-slow[^>]*>p95 180 ms/);
    expect(text).toMatch(/class="tile tile-err" data-tile="In error"/);
  });

  it('shows only the rows it is given, and says how many healthier ones are left out', async () => {
    const all = [entry('a'), entry('b'), entry('c', { state: 'error', healthy: false })];
    const text = (
      await healthBoard({
        report: report(all, 1),
        shown: [all[2]!],
        series: new Map(),
        slowMs: 2000,
        breakerThreshold: 3,
      })
    ).toString();
    expect(text).toContain('The 1 worst of 3 connections; the other 2 are healthier.');
    expect(text).not.toContain('data-connection-id="a"');
  });

  it('explains a closed breaker beside errors in a row: auth errors never trip it', async () => {
    const text = await render(report([entry('auth', { state: 'error', healthy: false, errorCount: 15 })], 1));
    expect(text).toContain('Still closed: these were auth errors, which never trip the breaker');
    const open = await render(
      report([
        entry('down', {
          errorCount: 3,
          breaker: {
            state: 'open',
            openedAt: '2026-12-06T08:00:00.000Z',
            nextProbeAt: '2026-12-06T08:01:00.000Z',
          },
        }),
      ]),
    );
    expect(open).toContain('Open: calls are refused until the probe at 2026-12-06 08:01:00 UTC');
  });
});
