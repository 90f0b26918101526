import { describe, expect, it } from 'vitest';
import { normalizeOrangexAssets, orangexScopePermissions } from './normalize.ts';

describe('normalizeOrangexAssets', () => {
  it('reads PERPETUAL: margin balance as total, available_funds as available', () => {
    expect(
      normalizeOrangexAssets(
        {
          PERPETUAL: {
            available_funds: '900',
            wallet_balance: '950',
            total_margin_balance: '905.5',
            order_frozen: '5',
            total_upl_cross: '-44.5',
          },
        },
        'PERPETUAL',
      ),
    ).toEqual({
      currency: 'USDT',
      total: 905.5,
      available: 900,
      assets: [{ asset: 'USDT', total: 905.5, available: 900, locked: 5.5 }],
    });
  });

  it('falls back to wallet_balance', () => {
    expect(
      normalizeOrangexAssets({ PERPETUAL: { available_funds: 1, wallet_balance: 2 } }, 'PERPETUAL').total,
    ).toBe(2);
  });

  it('reads SPOT details', () => {
    expect(
      normalizeOrangexAssets(
        {
          SPOT: {
            details: [
              { coin_type: 'USDT', available: '100', freeze: '1.5' },
              { coin_type: 'BTC', available: '0.5', freeze: '0', total: '0.5' },
            ],
          },
        },
        'SPOT',
      ),
    ).toEqual({
      currency: 'USDT',
      total: 101.5,
      available: 100,
      assets: [
        { asset: 'USDT', total: 101.5, available: 100, locked: 1.5 },
        { asset: 'BTC', total: 0.5, available: 0.5, locked: 0 },
      ],
    });
  });

  it('rejects the wrong asset type or a broken reply', () => {
    expect(() => normalizeOrangexAssets({ SPOT: { details: [] } }, 'PERPETUAL')).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
    expect(() => normalizeOrangexAssets(null, 'SPOT')).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});

describe('orangexScopePermissions', () => {
  it('reads a full read_write scope as trade, withdraw and transfer', () => {
    expect(orangexScopePermissions('account:read_write trade:read_write wallet:read_write')).toEqual({
      read: true,
      trade: true,
      withdraw: true,
      transfer: true,
      ipRestricted: false,
      ips: [],
      expiresAt: null,
      ipUnknown: true,
      raw: ['account:read_write', 'trade:read_write', 'wallet:read_write'],
    });
  });

  it('reads a read-only scope', () => {
    expect(orangexScopePermissions('account:read trade:read wallet:none')).toMatchObject({
      read: true,
      trade: false,
      withdraw: false,
      transfer: false,
    });
  });

  it('marks a missing scope unknown', () => {
    expect(orangexScopePermissions(undefined)).toMatchObject({ read: true, unknown: true, raw: [] });
  });
});
