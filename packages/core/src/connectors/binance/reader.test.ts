import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../../errors/cts-error.ts';
import { createBinanceReader, parseBinanceUsage } from './reader.ts';

const START = 1_700_000_000_000;

describe('parseBinanceUsage', () => {
  it('parses every interval suffix and the SAPI IP/UID headers', () => {
    const headers = new Headers({
      'X-MBX-USED-WEIGHT-1M': '120',
      'X-MBX-USED-WEIGHT-10S': '7',
      'X-MBX-USED-WEIGHT-1H': '900',
      'X-MBX-USED-WEIGHT-1D': '5000',
      'X-SAPI-USED-IP-WEIGHT-1M': '11',
      'X-SAPI-USED-UID-WEIGHT-1M': '3',
      'X-MBX-ORDER-COUNT-10S': '2',
      'Content-Type': 'application/json',
    });
    const usage = parseBinanceUsage(headers);
    const by = (source: string) => usage.find((u) => u.source === source);
    expect(by('X-MBX-USED-WEIGHT-1M')).toEqual({
      scope: 'ip',
      windowMs: 60_000,
      used: 120,
      source: 'X-MBX-USED-WEIGHT-1M',
    });
    expect(by('X-MBX-USED-WEIGHT-10S')?.windowMs).toBe(10_000);
    expect(by('X-MBX-USED-WEIGHT-1H')?.windowMs).toBe(3_600_000);
    expect(by('X-MBX-USED-WEIGHT-1D')?.windowMs).toBe(86_400_000);
    expect(by('X-SAPI-USED-IP-WEIGHT-1M')).toMatchObject({ scope: 'ip', used: 11 });
    expect(by('X-SAPI-USED-UID-WEIGHT-1M')).toMatchObject({ scope: 'account', used: 3 });
    expect(by('X-MBX-ORDER-COUNT-10S')).toMatchObject({ scope: 'account', windowMs: 10_000, used: 2 });
    expect(usage).toHaveLength(7);
  });

  it('ignores unrelated and malformed headers', () => {
    expect(parseBinanceUsage(new Headers({ 'X-MBX-USED-WEIGHT-1M': 'lots', 'X-MBX-UUID': 'x' }))).toEqual([]);
  });
});

describe('createBinanceReader', () => {
  const reader = createBinanceReader(new ManualClock({ start: START }));

  it('returns the payload of a 2xx (objects and arrays)', () => {
    const json = [{ asset: 'USDT' }];
    expect(reader.read({ status: 200, headers: new Headers(), json, text: '' })).toBe(json);
  });

  it('throws the mapped error for an error body', () => {
    const read = () =>
      reader.read({
        status: 400,
        headers: new Headers(),
        json: { code: -1021, msg: 'Timestamp outside recvWindow' },
        text: '',
      });
    expect(read).toThrow(CtsError);
    expect(read).toThrow(/Timestamp outside recvWindow/);
  });

  it('feeds back 429 with Retry-After, and 418 as a ban', () => {
    const limited = reader.feedback({
      status: 429,
      headers: new Headers({ 'Retry-After': '30' }),
      json: { code: -1003, msg: 'x' },
    });
    expect(limited).toMatchObject({ status: 429, rateLimited: true, retryAfterMs: 30_000 });
    expect(limited.bannedUntil).toBeUndefined();
    const teapot = reader.feedback({
      status: 418,
      headers: new Headers({ 'Retry-After': '120' }),
      json: undefined,
    });
    expect(teapot).toMatchObject({ rateLimited: true, bannedUntil: START + 120_000 });
    const until = reader.feedback({
      status: 418,
      headers: new Headers(),
      json: { code: -1003, msg: `Way too many requests; IP(1.1.1.1) banned until ${START + 999_000}.` },
    });
    expect(until.bannedUntil).toBe(START + 999_000);
  });

  it('feeds back usage on ordinary replies without flagging a limit', () => {
    const f = reader.feedback({
      status: 200,
      headers: new Headers({ 'x-mbx-used-weight-1m': '20' }),
      json: {},
    });
    expect(f).toEqual({
      status: 200,
      usage: [{ scope: 'ip', windowMs: 60_000, used: 20, source: 'X-MBX-USED-WEIGHT-1M' }],
    });
  });

  it('maps non-JSON 401/403/404 replies to non-retryable errors', () => {
    expect(
      reader.nonJsonError?.({ status: 403, headers: new Headers(), text: '<html>WAF</html>' })?.code,
    ).toBe('exchange');
    expect(reader.nonJsonError?.({ status: 404, headers: new Headers(), text: 'Not Found' })?.retryable).toBe(
      false,
    );
    expect(reader.nonJsonError?.({ status: 400, headers: new Headers(), text: 'x' })).toBeUndefined();
  });
});
