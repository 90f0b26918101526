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

describe('orangexError, auth failures', () => {
  it.each([
    'Authentication Failure: timestamp outside the allowed window',
    'Authentication Failure: IP 127.0.0.1 not allowed',
    'Authentication Failure',
  ])('keeps every 10000 as auth.failed ("%s"): OrangeX does not document its messages', (message) => {
    expect(orangexError(10000, message)).toMatchObject({
      code: 'auth.failed',
      exchangeCode: 10000,
      message: `OrangeX 10000: ${message}`,
    });
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
