import { describe, expect, it } from 'vitest';
import {
  normalizeBingxPermissions,
  normalizeBingxSpotBalance,
  normalizeBingxSwapBalance,
} from './normalize.ts';

describe('normalizeBingxSwapBalance', () => {
  it('reads v3 rows: equity as total, availableMargin as available', () => {
    const balance = normalizeBingxSwapBalance([
      {
        userId: '1',
        asset: 'USDT',
        balance: '1000.5',
        equity: '1010.25',
        unrealizedProfit: '9.75',
        realisedProfit: '0',
        availableMargin: '900.1',
        usedMargin: '100.1',
        freezedMargin: '0.2',
        shortUid: '9',
      },
      { asset: 'USDC', balance: '5', equity: '5', availableMargin: '5', usedMargin: '0', freezedMargin: '0' },
    ]);
    expect(balance).toEqual({
      currency: 'USDT',
      total: 1010.25,
      available: 900.1,
      assets: [
        { asset: 'USDT', total: 1010.25, available: 900.1, locked: 100.3 },
        { asset: 'USDC', total: 5, available: 5, locked: 0 },
      ],
    });
  });

  it('reads the legacy v2 data.balance object', () => {
    const balance = normalizeBingxSwapBalance({
      balance: {
        asset: 'USDT',
        balance: '10',
        equity: '11',
        availableMargin: '7',
        usedMargin: '4',
        freezedMargin: '0',
      },
    });
    expect(balance.total).toBe(11);
    expect(balance.available).toBe(7);
  });

  it('rejects an unexpected shape and non-numeric amounts', () => {
    expect(() => normalizeBingxSwapBalance({})).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
    expect(() => normalizeBingxSwapBalance([{ asset: 'USDT', equity: 'lots' }])).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});

describe('normalizeBingxSpotBalance', () => {
  it('sums free and locked, totals in USDT', () => {
    const balance = normalizeBingxSpotBalance({
      balances: [
        { asset: 'BTC', free: '0.1', locked: '0.2' },
        { asset: 'USDT', free: '50', locked: '25.5' },
      ],
    });
    expect(balance).toEqual({
      currency: 'USDT',
      total: 75.5,
      available: 50,
      assets: [
        { asset: 'BTC', total: 0.3, available: 0.1, locked: 0.2 },
        { asset: 'USDT', total: 75.5, available: 50, locked: 25.5 },
      ],
    });
  });

  it('reports zero totals when there is no USDT', () => {
    expect(normalizeBingxSpotBalance({ balances: [] })).toEqual({
      currency: 'USDT',
      total: 0,
      available: 0,
      assets: [],
    });
  });
});

describe('normalizeBingxPermissions', () => {
  it('maps permission ids and IP whitelist', () => {
    expect(
      normalizeBingxPermissions({ apiKey: 'x', permissions: [2, 3, 5], ipAddresses: ['1.2.3.4'], note: '' }),
    ).toEqual({
      read: true,
      trade: true,
      withdraw: true,
      transfer: false,
      ipRestricted: true,
      ips: ['1.2.3.4'],
      expiresAt: null,
      raw: ['read', 'perpetual_trading', 'withdraw'],
    });
  });

  it('reads a read-only key without IPs, and string ids', () => {
    const p = normalizeBingxPermissions({ permissions: ['2', '4'], ipAddresses: [] });
    expect(p).toMatchObject({
      read: true,
      trade: false,
      withdraw: false,
      transfer: true,
      ipRestricted: false,
    });
    expect(p.unknown).toBeUndefined();
  });

  it('rejects a reply without permissions', () => {
    expect(() => normalizeBingxPermissions({ apiKey: 'x' })).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});
