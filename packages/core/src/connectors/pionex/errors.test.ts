import { describe, expect, it } from 'vitest';
import { pionexError, pionexHttpError } from './errors.ts';

describe('pionexError', () => {
  it.each([
    ['APIKEY_LOST', 'auth.invalid_key'],
    ['SIGNATURE_LOST', 'auth.invalid_signature'],
    ['IP_NOT_WHITELISTED', 'auth.ip_not_allowed'],
    ['INVALID_APIKEY', 'auth.invalid_key'],
    ['INVALID_SIGNATURE', 'auth.invalid_signature'],
    ['APIKEY_EXPIRED', 'auth.key_expired'],
    ['INVALID_TIMESTAMP', 'auth.timestamp'],
    ['PERMISSION_DENIED', 'auth.permission'],
    ['TRADE_INVALID_SYMBOL', 'exchange'],
  ])('maps %s to %s, keeping the code and message', (code, ours) => {
    const error = pionexError(code, 'message from pionex', { status: 400 });
    expect(error.code).toBe(ours);
    expect(error.exchangeCode).toBe(code);
    expect(error.message).toContain('message from pionex');
    expect(error.status).toBe(400);
  });
});

describe('pionexHttpError', () => {
  it('reads 429 as a ban with the wait', () => {
    expect(pionexHttpError(429, 60_000)).toMatchObject({
      code: 'banned',
      retryAfterMs: 60_000,
      retryable: true,
    });
  });
  it.each([
    [500, 'exchange.unavailable'],
    [503, 'exchange.unavailable'],
    [401, 'auth.failed'],
    [400, 'exchange'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(pionexHttpError(status).code).toBe(code);
  });
});
