import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createOrangexReaders, orangexServerTimeOf } from './reader.ts';

const readers = createOrangexReaders(new ManualClock({ start: 1_000_000 }));
const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  json,
  text: json === undefined ? '' : JSON.stringify(json),
});

describe('OrangeX readers', () => {
  it('returns the JSON-RPC result', () => {
    expect(readers.result.read(reply(200, { jsonrpc: '2.0', id: 1, result: { a: 1 } }))).toEqual({ a: 1 });
  });

  it('maps a JSON-RPC error, whatever the HTTP status', () => {
    expect(() =>
      readers.result.read(
        reply(200, { jsonrpc: '2.0', id: 1, error: { code: 2033, message: 'Access denied' } }),
      ),
    ).toThrow(expect.objectContaining({ code: 'auth.permission', exchangeCode: 2033 }));
    expect(() =>
      readers.result.read(reply(400, { error: { code: 10000, message: 'Authentication Failure' } })),
    ).toThrow(expect.objectContaining({ code: 'auth.failed', exchangeCode: 10000 }));
  });

  it('maps 5xx to exchange.unavailable and 429 to rate_limited with Retry-After', () => {
    expect(() => readers.result.read(reply(503, undefined))).toThrow(
      expect.objectContaining({ code: 'exchange.unavailable' }),
    );
    expect(() => readers.result.read(reply(429, undefined, { 'Retry-After': '3' }))).toThrow(
      expect.objectContaining({ code: 'rate_limited', retryAfterMs: 3000 }),
    );
    expect(readers.result.feedback(reply(429, undefined, { 'Retry-After': '3' }))).toEqual({
      status: 429,
      rateLimited: true,
      retryAfterMs: 3000,
    });
    expect(
      readers.result.feedback(reply(200, { error: { code: 429, message: 'slow down' } })).rateLimited,
    ).toBe(true);
  });

  it('rejects a reply with neither result nor error', () => {
    expect(() => readers.result.read(reply(200, { jsonrpc: '2.0' }))).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });

  it('reads server time from usOut, else from the Date header centred on the second', () => {
    expect(orangexServerTimeOf({ result: 'pong', usOut: 1_700_000_000_123_456 }, new Headers())).toBe(
      1_700_000_000_123,
    );
    const date = new Headers({ Date: 'Tue, 27 Jan 2026 10:00:00 GMT' });
    expect(orangexServerTimeOf({ result: 'pong' }, date)).toBe(Date.UTC(2026, 0, 27, 10, 0, 0) + 500);
    expect(orangexServerTimeOf({}, new Headers())).toBeUndefined();
  });

  it('reads server time from an error reply too, but not from a 5xx', () => {
    const err = { error: { code: 1000, message: 'No service found' }, usIn: 1, usOut: 2_000_000 };
    expect(readers.serverTime.read(reply(200, err))).toBe(2000);
    expect(() => readers.serverTime.read(reply(500, err))).toThrow(
      expect.objectContaining({ code: 'exchange.unavailable' }),
    );
    expect(() => readers.serverTime.read(reply(200, { result: 'pong' }))).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});
