import { describe, expect, it } from 'vitest';
import { bingxError, bingxHttpError } from './errors.ts';

describe('bingxError', () => {
  it.each([
    [100001, 'Signature verification failed', 'auth.invalid_signature', false],
    [100412, 'Null signature', 'auth.invalid_signature', false],
    [100413, 'Incorrect apiKey', 'auth.invalid_key', false],
    [100421, 'Null timestamp or timestamp mismatch', 'auth.timestamp', true],
    [100419, 'IP does not match IP whitelist', 'auth.ip_not_allowed', false],
    [100004, 'Permission denied as the API key was created without the permission', 'auth.permission', false],
    [100410, 'rate limitation', 'rate_limited', true],
    [100500, 'Internal system error', 'exchange.unavailable', true],
    [80014, 'Invalid parameters', 'exchange', false],
    [99999, 'something new', 'exchange', false],
  ])('maps %i to our code, keeping BingX code and message', (code, msg, ours, retryable) => {
    const error = bingxError(code, msg);
    expect(error.code).toBe(ours);
    expect(error.retryable).toBe(retryable);
    expect(error.exchangeCode).toBe(code);
    expect(error.message).toContain(msg);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it('does not read 100421 "pair restricted" as a clock error', () => {
    const error = bingxError(100421, 'This pair is currently restricted from API trading');
    expect(error.code).toBe('exchange');
    expect(error.retryable).toBe(false);
    expect(error.exchangeCode).toBe(100421);
  });
});

describe('bingxHttpError', () => {
  it.each([
    [429, 'rate_limited', true],
    [418, 'banned', true],
    [500, 'exchange.unavailable', true],
    [504, 'exchange.unavailable', true],
    [401, 'auth.invalid_key', false],
    [403, 'auth.permission', false],
    [404, 'exchange', false],
  ])('maps HTTP %i to %s', (status, code, retryable) => {
    const error = bingxHttpError(status, 1500);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
  });

  it('carries Retry-After on 429', () => {
    expect(bingxHttpError(429, 2000).retryAfterMs).toBe(2000);
  });
});
