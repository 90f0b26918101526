import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createOkxReader } from './reader.ts';

describe('createOkxReader', () => {
  const reader = createOkxReader(new ManualClock({ start: 1_700_000_000_000 }));

  it('returns data when code is "0"', () => {
    const data = [{ ts: '1597026383085' }];
    expect(
      reader.read({ status: 200, headers: new Headers(), json: { code: '0', msg: '', data }, text: '' }),
    ).toBe(data);
  });

  it('throws the mapped error for a non-zero code, including on HTTP 200', () => {
    expect(() =>
      reader.read({
        status: 200,
        headers: new Headers(),
        json: { code: '50120', msg: 'API key lacks permission', data: [] },
        text: '',
      }),
    ).toThrow(expect.objectContaining({ code: 'auth.permission', exchangeCode: '50120' }));
    expect(() => reader.read({ status: 200, headers: new Headers(), json: [1], text: '' })).toThrow(
      /no code envelope/,
    );
  });

  it('feeds back 429 and rate-limit codes (OKX documents no usage headers)', () => {
    expect(
      reader.feedback({
        status: 429,
        headers: new Headers({ 'Retry-After': '1' }),
        json: { code: '50011', msg: 'Too Many Requests' },
      }),
    ).toEqual({
      status: 429,
      rateLimited: true,
      retryAfterMs: 1000,
    });
    expect(
      reader.feedback({ status: 200, headers: new Headers(), json: { code: '50011', msg: '' } }).rateLimited,
    ).toBe(true);
    expect(
      reader.feedback({ status: 200, headers: new Headers(), json: { code: '0', msg: '', data: [] } }),
    ).toEqual({ status: 200 });
  });

  it('maps an empty 401 to auth.failed', () => {
    expect(reader.nonJsonError?.({ status: 401, headers: new Headers(), text: '' })?.code).toBe(
      'auth.failed',
    );
  });
});
