import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createBybitReader, parseBybitUsage } from './reader.ts';

const START = 1_700_000_000_000;
const limitHeaders = () =>
  new Headers({
    'X-Bapi-Limit': '50',
    'X-Bapi-Limit-Status': '48',
    'X-Bapi-Limit-Reset-Timestamp': String(START + 400),
  });

describe('parseBybitUsage', () => {
  it('reads limit, remaining and reset into one usage entry', () => {
    expect(parseBybitUsage(limitHeaders())).toEqual([
      {
        scope: 'endpoint',
        windowMs: 1000,
        limit: 50,
        remaining: 48,
        used: 2,
        resetAt: START + 400,
        source: 'X-Bapi-Limit',
      },
    ]);
  });

  it('returns nothing without the headers', () => {
    expect(parseBybitUsage(new Headers({ 'content-type': 'application/json' }))).toEqual([]);
  });
});

describe('createBybitReader', () => {
  const reader = createBybitReader(new ManualClock({ start: START }));
  const envelope = (retCode: number, retMsg = 'OK') => ({
    retCode,
    retMsg,
    result: { a: 1 },
    retExtInfo: {},
    time: START,
  });

  it('returns the envelope when retCode is 0', () => {
    const json = envelope(0);
    expect(reader.read({ status: 200, headers: new Headers(), json, text: '' })).toBe(json);
  });

  it('throws the mapped error otherwise, with the wait until the limit resets on 10006', () => {
    let caught: unknown;
    try {
      reader.read({
        status: 200,
        headers: limitHeaders(),
        json: envelope(10006, 'Too many visits!'),
        text: '',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'rate_limited', exchangeCode: 10006, retryAfterMs: 400 });
    expect(() => reader.read({ status: 200, headers: new Headers(), json: { hello: 1 }, text: '' })).toThrow(
      /no retCode/,
    );
  });

  it('feeds back usage, 10006 as rate-limited, 429 with Retry-After, and a 403 ban for 10 minutes', () => {
    expect(reader.feedback({ status: 200, headers: limitHeaders(), json: envelope(0) })).toEqual({
      status: 200,
      usage: parseBybitUsage(limitHeaders()),
    });
    expect(reader.feedback({ status: 200, headers: limitHeaders(), json: envelope(10006) })).toMatchObject({
      rateLimited: true,
      retryAfterMs: 400,
    });
    expect(
      reader.feedback({ status: 429, headers: new Headers({ 'Retry-After': '2' }), json: undefined }),
    ).toMatchObject({
      rateLimited: true,
      retryAfterMs: 2000,
    });
    expect(
      reader.feedback({ status: 403, headers: new Headers(), json: undefined, text: 'access too frequent' }),
    ).toMatchObject({ rateLimited: true, bannedUntil: START + 600_000 });
  });

  it('maps non-JSON 401 and 403 replies to specific errors', () => {
    expect(reader.nonJsonError?.({ status: 401, headers: new Headers(), text: '' })?.code).toBe(
      'auth.failed',
    );
    expect(
      reader.nonJsonError?.({ status: 403, headers: new Headers(), text: 'access too frequent' })?.code,
    ).toBe('banned');
    expect(reader.nonJsonError?.({ status: 400, headers: new Headers(), text: '' })).toBeUndefined();
  });
});
