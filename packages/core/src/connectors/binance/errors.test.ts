import { describe, expect, it } from 'vitest';
import { mapBinanceError } from './errors.ts';

const NOW = 1_700_000_000_000;

describe('mapBinanceError', () => {
  it.each([
    [-1021, 400, 'auth.timestamp', true],
    [-1022, 400, 'auth.invalid_signature', false],
    [-2014, 401, 'auth.invalid_key', false],
    [-2015, 401, 'auth.failed', false],
    [-1002, 401, 'auth.failed', false],
    [-1011, 403, 'auth.ip_not_allowed', false],
    [-1003, 400, 'rate_limited', true],
    [-1121, 400, 'exchange', false],
  ] as const)('maps %i (HTTP %i) to %s', (code, status, ours, retryable) => {
    const error = mapBinanceError({ status, code, msg: 'the exchange message' }, NOW);
    expect(error.code).toBe(ours);
    expect(error.retryable).toBe(retryable);
    expect(error.exchangeCode).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toContain('the exchange message');
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it('hints at key, IP whitelist and permission for -2015', () => {
    const { hint } = mapBinanceError(
      { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
      NOW,
    );
    expect(hint).toMatch(/key/);
    expect(hint).toMatch(/whitelist/);
    expect(hint).toMatch(/permission/);
  });

  it('maps HTTP 418 to banned with Retry-After, and -1003 "banned until" to banned until that time', () => {
    const teapot = mapBinanceError({ status: 418, code: -1003, msg: 'Way too many requests' }, NOW, 120_000);
    expect([teapot.code, teapot.retryAfterMs, teapot.retryable]).toEqual(['banned', 120_000, true]);
    const msg = `Way too many requests; IP(1.2.3.4) banned until ${NOW + 60_000}. Please use the websocket.`;
    const banned = mapBinanceError({ status: 418, code: -1003, msg }, NOW);
    expect([banned.code, banned.retryAfterMs]).toEqual(['banned', 60_000]);
  });

  it('maps HTTP 429 to rate_limited with Retry-After, and 5xx to exchange.unavailable (retryable)', () => {
    const limited = mapBinanceError(
      { status: 429, code: -1003, msg: 'Too much request weight used' },
      NOW,
      5000,
    );
    expect([limited.code, limited.retryAfterMs]).toEqual(['rate_limited', 5000]);
    const down = mapBinanceError({ status: 503, code: -1001, msg: 'Internal error' }, NOW);
    expect([down.code, down.retryable, down.exchangeCode]).toEqual(['exchange.unavailable', true, -1001]);
  });
});
