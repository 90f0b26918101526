import { describe, expect, it } from 'vitest';
import { orangexError, orangexHttpError } from './errors.ts';

describe('orangexError', () => {
  it.each([
    [10000, 'Authentication Failure', 'auth.failed', false],
    [2033, 'Access denied', 'auth.permission', false],
    [1000, 'No service found', 'exchange', false],
    [1001, 'Bad requested', 'exchange', false],
    [429, 'Too many requests', 'rate_limited', true],
    [12345, 'Something else', 'exchange', false],
  ])('maps %i to our code, keeping OrangeX code and message', (code, message, ours, retryable) => {
    const error = orangexError(code, message);
    expect(error.code).toBe(ours);
    expect(error.retryable).toBe(retryable);
    expect(error.exchangeCode).toBe(code);
    expect(error.message).toContain(message);
  });
});

describe('orangexError, auth failures (one mapper for HTTP replies and stream frames)', () => {
  it.each([
    ['Authentication Failure: timestamp outside the allowed window', 'auth.timestamp'],
    ['Authentication Failure: invalid client_secret or signature', 'auth.invalid_signature'],
    ['Authentication Failure: invalid client_id', 'auth.invalid_key'],
    ['Authentication Failure: api key expired', 'auth.key_expired'],
    ['Authentication Failure: IP 127.0.0.1 not allowed', 'auth.ip_not_allowed'],
    ['Authentication Failure: invalid access token', 'auth.failed'],
    ['Authentication Failure', 'auth.failed'],
    ['', 'auth.failed'],
  ])('refines 10000 by its message (%j → %s), keeping code and message', (message, code) => {
    const error = orangexError(10000, message, { status: 200 });
    expect(error).toMatchObject({
      code,
      exchangeCode: 10000,
      status: 200,
      message: `OrangeX 10000: ${message || 'no message'}`,
    });
    expect(error.hint.length).toBeGreaterThan(20);
  });

  it('refines only 10000: the same words under another code keep that code', () => {
    expect(orangexError(1001, 'bad timestamp parameter').code).toBe('exchange');
    expect(orangexError(2033, 'Access denied: client_id scope').code).toBe('auth.permission');
  });
});

describe('orangexHttpError', () => {
  it.each([
    [429, 'rate_limited'],
    [500, 'exchange.unavailable'],
    [502, 'exchange.unavailable'],
    [401, 'auth.failed'],
    [403, 'auth.permission'],
    [404, 'exchange'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(orangexHttpError(status).code).toBe(code);
  });
});
