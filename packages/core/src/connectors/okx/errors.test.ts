import { describe, expect, it } from 'vitest';
import { mapOkxError } from './errors.ts';

describe('mapOkxError', () => {
  it.each([
    ['50101', 401, 'auth.wrong_environment', false],
    ['50102', 401, 'auth.timestamp', true],
    ['50112', 401, 'auth.timestamp', true],
    ['50105', 401, 'auth.passphrase', false],
    ['50110', 401, 'auth.ip_not_allowed', false],
    ['50111', 401, 'auth.invalid_key', false],
    ['50113', 401, 'auth.invalid_signature', false],
    ['50114', 401, 'auth.failed', false],
    ['50119', 200, 'auth.invalid_key', false],
    ['50120', 200, 'auth.permission', false],
    ['50030', 200, 'auth.permission', false],
    ['50035', 403, 'auth.permission', false],
    ['50011', 429, 'rate_limited', true],
    ['50011', 200, 'rate_limited', true],
    ['50013', 429, 'rate_limited', true],
    ['50061', 200, 'rate_limited', true],
    ['50100', 400, 'auth.failed', false],
    ['50103', 401, 'auth.failed', false],
    ['51000', 200, 'exchange', false],
  ] as const)('maps %s (HTTP %i) to %s', (code, status, ours, retryable) => {
    const error = mapOkxError({ status, code, msg: 'the exchange message' });
    expect([error.code, error.retryable, error.exchangeCode, error.status]).toEqual([
      ours,
      retryable,
      code,
      status,
    ]);
    expect(error.message).toContain('the exchange message');
  });

  it('hints at demo vs live for 50101 and at freezing for 50100', () => {
    expect(mapOkxError({ status: 401, code: '50101', msg: 'x' }).hint).toMatch(/demo/);
    expect(mapOkxError({ status: 400, code: '50100', msg: 'x' }).hint).toMatch(/frozen/);
  });

  it('maps 5xx to exchange.unavailable and a bare 429 to rate_limited with the wait', () => {
    expect(mapOkxError({ status: 503 })).toMatchObject({ code: 'exchange.unavailable', retryable: true });
    expect(mapOkxError({ status: 429, retryAfterMs: 1000 })).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 1000,
    });
  });
});
