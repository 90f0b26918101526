import { describe, expect, it } from 'vitest';
import { binanceCharges } from './limits.ts';

describe('binanceCharges (published)', () => {
  const charges = binanceCharges('published');
  const summary = (endpoint: string) =>
    charges(endpoint, 'ip').map((c) => [c.rule.name, c.rule.windowMs, c.rule.limit, c.weight]);

  it('charges /api both its weight per minute and one RAW_REQUEST of 300,000 per 5 minutes (2026-04-02)', () => {
    expect(summary('/api/v3/account')).toEqual([
      ['binance.api.ip', 60_000, 6000, 20],
      ['binance.api.raw', 300_000, 300_000, 1],
    ]);
  });

  it('keeps /fapi and /sapi on their own windows only', () => {
    expect(summary('/fapi/v3/balance')).toEqual([['binance.fapi.ip', 60_000, 2400, 5]]);
    expect(summary('/sapi/v1/margin/account')).toEqual([
      ['binance.sapi.ip/sapi/v1/margin/account', 60_000, 12_000, 10],
    ]);
  });
});
