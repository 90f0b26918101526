import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createPionexReaders } from './reader.ts';

const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  json,
  text: json === undefined ? '' : JSON.stringify(json),
});

describe('Pionex readers', () => {
  it('returns data and the server timestamp of a success reply', () => {
    const { envelope } = createPionexReaders(new ManualClock());
    expect(
      envelope.read(reply(200, { result: true, data: { balances: [] }, timestamp: 1655896754515 })),
    ).toEqual({
      data: { balances: [] },
      timestamp: 1655896754515,
    });
  });

  it('maps an error body', () => {
    const { envelope } = createPionexReaders(new ManualClock());
    expect(() =>
      envelope.read(reply(401, { result: false, code: 'INVALID_SIGNATURE', message: 'bad', timestamp: 1 })),
    ).toThrow(expect.objectContaining({ code: 'auth.invalid_signature', exchangeCode: 'INVALID_SIGNATURE' }));
  });

  it('reads the server time from an error reply too', () => {
    const { serverTime } = createPionexReaders(new ManualClock());
    expect(
      serverTime.read(
        reply(400, { result: false, code: 'INVALID_TIMESTAMP', message: 'x', timestamp: 42_000 }),
      ),
    ).toBe(42_000);
    expect(() => serverTime.read(reply(200, { result: true, data: {} }))).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
    expect(() => serverTime.read(reply(503, { result: false, timestamp: 5 }))).toThrow(
      expect.objectContaining({ code: 'exchange.unavailable' }),
    );
  });

  it('starts a 60 s ban on 429 and adds 10 s per further 429 during it', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const readers = createPionexReaders(clock);
    expect(readers.envelope.feedback(reply(429, undefined))).toEqual({
      status: 429,
      rateLimited: true,
      retryAfterMs: 60_000,
      bannedUntil: 1_060_000,
    });
    await clock.advance(5_000);
    expect(readers.envelope.feedback(reply(429, undefined)).bannedUntil).toBe(1_070_000);
    expect(() => readers.envelope.read(reply(429, undefined))).toThrow(
      expect.objectContaining({ code: 'banned', retryAfterMs: 65_000 }),
    );
    await clock.advance(70_000);
    expect(readers.envelope.feedback(reply(429, undefined)).bannedUntil).toBe(1_075_000 + 60_000);
  });

  it('reports nothing but the status for ordinary replies', () => {
    const { envelope } = createPionexReaders(new ManualClock());
    expect(envelope.feedback(reply(200, { result: true }))).toEqual({ status: 200 });
  });
});
