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

describe('orangexError, clock failures', () => {
  it('reads a 10000 whose message names the timestamp as a clock error', () => {
    const error = orangexError(10000, 'Authentication Failure: timestamp outside the allowed window');
    expect(error).toMatchObject({ code: 'auth.timestamp', exchangeCode: 10000, retryable: true });
  });

  it.each([
    ['Authentication Failure: IP 127.0.0.1 not allowed', 'auth.ip_not_allowed'],
    ['Authentication Failure: api key expired', 'auth.key_expired'],
    ['Authentication Failure: invalid client_id', 'auth.failed'],
    ['Authentication Failure', 'auth.failed'],
  ])('refines 10000 "%s" to %s only when the message names the cause', (message, code) => {
    expect(orangexError(10000, message).code).toBe(code);
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
