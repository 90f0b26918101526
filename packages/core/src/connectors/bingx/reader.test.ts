import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { BINGX_BAN_MS, createBingxReader } from './reader.ts';

const clock = new ManualClock({ start: 1_700_000_000_000 });
const reader = createBingxReader(clock);
const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  json,
  text: JSON.stringify(json),
});

describe('BingX reader', () => {
  it('returns data on code 0', () => {
    expect(reader.read(reply(200, { code: 0, msg: '', data: { serverTime: 5 } }))).toEqual({ serverTime: 5 });
  });

  it('throws the mapped error for a non-zero code, even with HTTP 200', () => {
    expect(() => reader.read(reply(200, { code: 100413, msg: 'Incorrect apiKey' }))).toThrow(
      expect.objectContaining({ code: 'auth.invalid_key', exchangeCode: 100413 }),
    );
  });

  it('reads a string code as a number', () => {
    expect(() => reader.read(reply(200, { code: '100001', msg: 'sig' }))).toThrow(
      expect.objectContaining({ code: 'auth.invalid_signature' }),
    );
  });

  it('maps HTTP 5xx without a body code to exchange.unavailable', () => {
    expect(() => reader.read(reply(502, undefined))).toThrow(
      expect.objectContaining({ code: 'exchange.unavailable', retryable: true }),
    );
  });

  it('rejects a 200 without the envelope', () => {
    expect(() => reader.read(reply(200, { serverTime: 1 }))).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });

  it('reads the usage headers into RateLimitUsage', () => {
    const fb = reader.feedback(
      reply(200, { code: 0 }, { 'X-RateLimit-Requests-Remain': '3', 'X-RateLimit-Requests-Expire': '400' }),
    );
    expect(fb).toEqual({
      status: 200,
      usage: [
        {
          scope: 'endpoint',
          windowMs: 1000,
          remaining: 3,
          resetAt: 1_700_000_000_400,
          source: 'X-RateLimit-Requests-Remain',
        },
      ],
    });
  });

  it('recognises an epoch Expire header in ms or seconds', () => {
    const ms = reader.feedback(
      reply(200, {}, { 'X-RateLimit-Requests-Remain': '1', 'X-RateLimit-Requests-Expire': '1700000001000' }),
    );
    expect(ms.usage?.[0]?.resetAt).toBe(1_700_000_001_000);
    const s = reader.feedback(
      reply(200, {}, { 'X-RateLimit-Requests-Remain': '1', 'X-RateLimit-Requests-Expire': '1700000002' }),
    );
    expect(s.usage?.[0]?.resetAt).toBe(1_700_000_002_000);
  });

  it('reports no usage when the headers are absent or garbage', () => {
    expect(reader.feedback(reply(200, {})).usage).toBeUndefined();
    expect(reader.feedback(reply(200, {}, { 'X-RateLimit-Requests-Remain': 'abc' })).usage).toBeUndefined();
  });

  it('flags 429 with Retry-After, and 418 as a ban', () => {
    expect(reader.feedback(reply(429, {}, { 'Retry-After': '2' }))).toMatchObject({
      rateLimited: true,
      retryAfterMs: 2000,
    });
    expect(() => reader.read(reply(429, {}, { 'Retry-After': '2' }))).toThrow(
      expect.objectContaining({ code: 'rate_limited', retryAfterMs: 2000 }),
    );
    expect(reader.feedback(reply(418, {}, { 'Retry-After': '30' }))).toMatchObject({
      rateLimited: true,
      bannedUntil: clock.now() + 30_000,
    });
    expect(reader.feedback(reply(418, {})).bannedUntil).toBe(clock.now() + BINGX_BAN_MS);
  });

  it('flags the 100410 rate-limit business code', () => {
    expect(reader.feedback(reply(200, { code: 100410, msg: 'limit' })).rateLimited).toBe(true);
  });
});

describe('BingX reader, non-JSON replies', () => {
  it('maps an empty 401 to auth.invalid_key rather than bad_response', () => {
    const r = createBingxReader(new ManualClock());
    expect(r.nonJsonError?.({ status: 401, headers: new Headers(), text: '' })).toMatchObject({
      code: 'auth.invalid_key',
    });
    expect(r.nonJsonError?.({ status: 200, headers: new Headers(), text: '<html>' })).toBeUndefined();
  });
});
