import { describe, expect, it } from 'vitest';
import {
  normalizePionexFuturesBalance,
  normalizePionexSpotBalance,
  pionexProbedPermissions,
} from './normalize.ts';

describe('normalizePionexSpotBalance', () => {
  it('sums free and frozen per coin, totals in USDT', () => {
    expect(
      normalizePionexSpotBalance({
        balances: [
          { coin: 'BTC', free: '0.00100000', frozen: '0.00020000' },
          { coin: 'USDT', free: '100.1', frozen: '0.2' },
        ],
      }),
    ).toEqual({
      currency: 'USDT',
      total: 100.3,
      available: 100.1,
      assets: [
        { asset: 'BTC', total: 0.0012, available: 0.001, locked: 0.0002 },
        { asset: 'USDT', total: 100.3, available: 100.1, locked: 0.2 },
      ],
    });
  });

  it('rejects a reply without balances', () => {
    expect(() => normalizePionexSpotBalance({})).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});

describe('normalizePionexFuturesBalance', () => {
  it('nets debts and adds isolated margin as locked', () => {
    const balance = normalizePionexFuturesBalance({
      balances: [{ coin: 'USDT', free: '500', frozen: '20', debts: '5' }],
      isolates: [
        {
          symbol: 'BTC_USDT_PERP',
          isolatedMode: true,
          balances: [{ coin: 'USDT', free: '30', frozen: '0' }],
        },
      ],
    });
    expect(balance).toEqual({
      currency: 'USDT',
      total: 545,
      available: 500,
      assets: [{ asset: 'USDT', total: 545, available: 500, locked: 50 }],
    });
  });

  it('accepts an account without isolates', () => {
    expect(normalizePionexFuturesBalance({ balances: [] }).total).toBe(0);
  });
});

describe('pionexProbedPermissions', () => {
  it('says read, and that the rest is unknown', () => {
    expect(pionexProbedPermissions()).toMatchObject({ read: true, trade: false, unknown: true });
  });
});
