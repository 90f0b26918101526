import { describe, expect, it } from 'vitest';
import { normalizeOkxBalance, normalizeOkxPermissions, okxServerTime } from './normalize.ts';

describe('normalizeOkxBalance', () => {
  const docs = [
    {
      adjEq: '55415.624719833286',
      availEq: '624.73',
      imr: '0',
      isoEq: '0',
      mgnRatio: '',
      totalEq: '55868.06403501676',
      uTime: '1705564223311',
      details: [
        {
          availBal: '4734.371190691436',
          availEq: '4734.371190691435',
          cashBal: '4750.426970691436',
          ccy: 'USDT',
          eq: '4992.890710693275',
          eqUsd: '4991.542013297616',
          frozenBal: '258.519520001838',
        },
        { availBal: '0.5', cashBal: '1', ccy: 'BTC', eq: '1', eqUsd: '50000', frozenBal: '0.5' },
      ],
    },
  ];

  it('uses totalEq and availEq when the account mode reports them', () => {
    const b = normalizeOkxBalance(docs);
    expect([b.currency, b.total, b.available]).toEqual(['USD', 55868.06403501676, 624.73]);
    expect(b.assets[0]).toEqual({
      asset: 'USDT',
      total: 4992.890710693275,
      available: 4734.371190691436,
      locked: 258.519520001838,
    });
  });

  it('values availBal at eqUsd/eq when availEq is empty (spot mode)', () => {
    const b = normalizeOkxBalance([{ ...docs[0], availEq: '' }]);
    const usdt = (4734.371190691436 * 4991.542013297616) / 4992.890710693275;
    expect(b.available).toBeCloseTo(usdt + 25000, 6);
  });

  it('rejects a reply without data[0]', () => {
    expect(() => normalizeOkxBalance([])).toThrow(expect.objectContaining({ code: 'exchange.bad_response' }));
  });
});

describe('normalizeOkxPermissions', () => {
  it('reads perm and ip from the account config', () => {
    const p = normalizeOkxPermissions([
      {
        acctLv: '2',
        autoLoan: false,
        ctIsoMode: 'automatic',
        perm: 'read_only,withdraw,trade',
        ip: '1.1.1.1, 2.2.2.2',
        uid: '44705892343619584',
      },
    ]);
    expect(p).toEqual({
      read: true,
      trade: true,
      withdraw: true,
      transfer: true,
      ipRestricted: true,
      ips: ['1.1.1.1', '2.2.2.2'],
      expiresAt: null,
      raw: ['read_only', 'withdraw', 'trade'],
    });
    expect(normalizeOkxPermissions([{ perm: 'read_only', ip: '' }])).toMatchObject({
      read: true,
      trade: false,
      ipRestricted: false,
      ips: [],
    });
  });
});

describe('okxServerTime', () => {
  it('reads data[0].ts', () => {
    expect(okxServerTime([{ ts: '1597026383085' }])).toBe(1597026383085);
    expect(() => okxServerTime([{}])).toThrow(/no ts/);
  });
});
