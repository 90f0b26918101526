import { describe, expect, it } from 'vitest';
import { BYBIT_IP_BAN_MS, mapBybitError } from './errors.ts';

describe('mapBybitError', () => {
  it.each([
    [10002, 'auth.timestamp', true],
    [10003, 'auth.invalid_key', false],
    [10004, 'auth.invalid_signature', false],
    [10005, 'auth.permission', false],
    [10006, 'rate_limited', true],
    [10007, 'auth.failed', false],
    [10010, 'auth.ip_not_allowed', false],
    [10018, 'rate_limited', true],
    [33004, 'auth.key_expired', false],
    [-2015, 'auth.key_expired', false],
    [10016, 'exchange.unavailable', true],
    [10028, 'not_supported', false],
    [110007, 'exchange', false],
  ] as const)('maps retCode %i to %s', (retCode, ours, retryable) => {
    const error = mapBybitError({ status: 200, retCode, retMsg: 'the exchange message' });
    expect([error.code, error.retryable, error.exchangeCode]).toEqual([ours, retryable, retCode]);
    expect(error.message).toContain('the exchange message');
  });

  it('hints that a 10003 key may come from another environment', () => {
    expect(mapBybitError({ status: 401, retCode: 10003, retMsg: 'API key is invalid.' }).hint).toMatch(
      /environment/,
    );
  });

  it('maps a 403 "access too frequent" to a 10-minute ban, other 403s to a plain refusal', () => {
    const ban = mapBybitError({ status: 403, text: 'access too frequent' });
    expect([ban.code, ban.retryAfterMs]).toEqual(['banned', BYBIT_IP_BAN_MS]);
    expect(BYBIT_IP_BAN_MS).toBe(600_000);
    expect(mapBybitError({ status: 403, text: 'Forbidden' }).code).toBe('exchange');
  });

  it('maps 429 to rate_limited, 5xx to exchange.unavailable and a bare 401 to auth.failed', () => {
    expect(mapBybitError({ status: 429, retryAfterMs: 800 })).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 800,
    });
    expect(mapBybitError({ status: 502 })).toMatchObject({ code: 'exchange.unavailable', retryable: true });
    expect(mapBybitError({ status: 401 })).toMatchObject({ code: 'auth.failed', retryable: false });
  });

  it('keeps the rate-limit reset as retryAfterMs on 10006', () => {
    expect(
      mapBybitError({ status: 200, retCode: 10006, retMsg: 'Too many visits!', retryAfterMs: 350 })
        .retryAfterMs,
    ).toBe(350);
  });
});
