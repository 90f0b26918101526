import { describe, expect, it } from 'vitest';
import type { Permissions } from '../connectors/types.ts';
import { auditKey, expiryTier, reevaluateKeyAudit } from './key-audit.ts';
import { keyAuditEvents } from './key-events.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6);

function perms(overrides: Partial<Permissions> = {}): Permissions {
  return {
    read: true,
    trade: true,
    withdraw: false,
    transfer: false,
    ipRestricted: false,
    ips: [],
    expiresAt: null,
    ...overrides,
  };
}

describe('auditKey', () => {
  it('applies Bybit’s 90-day rule to an unbound key and names it', () => {
    const a = auditKey({ exchange: 'bybit', permissions: perms({ createdAt: NOW - 85 * DAY }), now: NOW });
    expect(a).toMatchObject({
      ip_bound: false,
      days_to_expiry: 5,
      expiry_reason: 'unbound key: Bybit stops it 90 days after creation',
      flags: ['unbound_trading_key', 'expires_soon'],
    });
  });

  it('takes Bybit’s own earlier expiredAt (a password change) over the 90-day rule', () => {
    const a = auditKey({
      exchange: 'bybit',
      permissions: perms({
        createdAt: NOW - 10 * DAY,
        expiresAt: NOW + 3 * DAY,
        ipRestricted: true,
        ips: ['1.2.3.4'],
      }),
      now: NOW,
    });
    expect(a.days_to_expiry).toBe(3);
    expect(a.expiry_reason).toContain('password changes');
    expect(a.flags).toEqual(['expires_soon']);
  });

  it('reads Bybit’s deadlineDay when expiredAt is missing', () => {
    const a = auditKey({
      exchange: 'bybit',
      permissions: perms({ daysLeft: 12, ipRestricted: true, ips: ['1.2.3.4'] }),
      now: NOW,
    });
    expect(a.days_to_expiry).toBe(12);
  });

  it('gives OKX and BingX their inactivity rules, and nothing to IP-bound or read-only keys', () => {
    expect(auditKey({ exchange: 'okx', permissions: perms(), now: NOW }).inactivity_rule).toContain(
      '14 days without trading use',
    );
    expect(auditKey({ exchange: 'bingx', permissions: perms(), now: NOW }).inactivity_rule).toContain(
      '14 days of inactivity',
    );
    const bound = auditKey({
      exchange: 'okx',
      permissions: perms({ ipRestricted: true, ips: ['1.2.3.4'] }),
      now: NOW,
    });
    expect(bound).toMatchObject({ inactivity_rule: null, flags: [], hint: null });
    const readOnly = auditKey({ exchange: 'bingx', permissions: perms({ trade: false }), now: NOW });
    expect(readOnly).toMatchObject({ inactivity_rule: null, flags: [], hint: null });
  });

  it('flags a withdraw-enabled key, and a bound key whose list misses an egress IP (CIDR ranges count)', () => {
    const bound = perms({ withdraw: true, ipRestricted: true, ips: ['203.0.113.0/24', '10.0.0.1'] });
    const a = auditKey({
      exchange: 'okx',
      permissions: bound,
      now: NOW,
      egressIps: ['203.0.113.7', '198.51.100.1'],
    });
    expect(a.flags).toEqual(['can_withdraw', 'egress_not_whitelisted']);
    expect(a.hint).toContain('198.51.100.1');
    expect(a.hint).not.toContain('203.0.113.7');
    const covered = auditKey({ exchange: 'okx', permissions: bound, now: NOW, egressIps: ['203.0.113.7'] });
    expect(covered.flags).toEqual(['can_withdraw']);
  });

  it('says unknown where the exchange reports nothing', () => {
    const a = auditKey({
      exchange: 'orangex',
      permissions: perms({ unknown: true, trade: false }),
      now: NOW,
    });
    expect(a).toMatchObject({ ip_bound: null, ips: null, permissions: null, expires_at: null, flags: [] });
    expect(a.hint).toContain('OrangeX reports neither');
  });
});

describe('reevaluateKeyAudit and keyAuditEvents', () => {
  it('moves through the 14/7/1-day tiers to expired, raising each tier once', () => {
    const first = auditKey({
      exchange: 'bybit',
      permissions: perms({ createdAt: NOW - 75 * DAY, ipRestricted: false }),
      now: NOW,
    });
    expect(first.days_to_expiry).toBe(15);
    expect(keyAuditEvents(null, first)).toEqual([{ type: 'key.unbound_trading' }]);
    let prev = first;
    const seen: string[] = [];
    for (const day of [1, 2, 8, 9, 14, 15]) {
      const next = reevaluateKeyAudit(prev, NOW + day * DAY, [], 'bybit');
      for (const e of keyAuditEvents(prev, next)) seen.push(e.days ? `${e.type}:${e.days}` : e.type);
      prev = next;
    }
    expect(seen).toEqual(['key.expiring:14', 'key.expiring:7', 'key.expiring:1', 'key.expired']);
    expect(prev.days_to_expiry).toBe(0);
  });

  it('maps days to tiers', () => {
    expect([20, 14, 8, 7, 2, 1, 0, null].map(expiryTier)).toEqual([null, 14, 14, 7, 7, 1, null, null]);
  });
});
