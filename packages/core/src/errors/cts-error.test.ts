import { describe, expect, it } from 'vitest';
import {
  CtsError,
  errorLabel,
  networkError,
  serializeError,
  toCtsError,
  withoutQueries,
} from './cts-error.ts';

describe('toCtsError', () => {
  it('maps timeouts and aborts to our codes, and a bug inside CTS to internal (not retryable), never network', () => {
    expect(toCtsError(new DOMException('t', 'TimeoutError')).code).toBe('timeout');
    expect(toCtsError(new DOMException('a', 'AbortError')).code).toBe('aborted');
    const bug = toCtsError(new TypeError("Cannot read properties of undefined (reading 'coin')"));
    expect(bug).toMatchObject({ code: 'internal', retryable: false });
    expect(toCtsError(new DOMException('x', 'OperationError')).code).toBe('internal');
    expect(networkError(new TypeError('fetch failed')).code).toBe('network');
    const own = new CtsError('rate_limited', 'x');
    expect(toCtsError(own)).toBe(own);
  });

  it('never carries the runtime text into the message: only our text, the class name and a system code', () => {
    const err = networkError(
      new TypeError(
        'fetch failed for https://api.pionex.com/api/v1/account/balances?timestamp=1&signature=abc123 (ECONNRESET)',
        { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) },
      ),
    );
    expect(err.message).toBe('Network error (TypeError ECONNREFUSED)');
    expect(err.message).not.toContain('abc123');
  });

  it('drops a header value a runtime quotes (a key holding a newline or NUL) from message and JSON', () => {
    for (const thrown of [
      new TypeError('Headers.append: "KEY\nSECRETVALUE" is an invalid header value.'),
      new Error('invalid header value "PASS\u0000SECRETVALUE"'),
      'SECRETVALUE',
    ]) {
      const err = toCtsError(thrown);
      expect(err.message).not.toContain('SECRETVALUE');
      expect(JSON.stringify(err)).not.toContain('SECRETVALUE');
      expect(errorLabel(thrown)).not.toContain('SECRETVALUE');
    }
    expect(toCtsError(new Error('x')).message).toBe('Internal error (Error)');
  });

  it('serialises every field in one shape, and reads it back whole', () => {
    const error = new CtsError('rate_limited', 'slow down', {
      exchangeCode: 10006,
      status: 429,
      retryAfterMs: 3000,
      bannedUntil: 5,
    });
    const json = serializeError(error);
    expect(json).toEqual({
      code: 'rate_limited',
      message: 'slow down',
      hint: error.hint,
      retryable: true,
      exchangeCode: 10006,
      status: 429,
      retryAfterMs: 3000,
      bannedUntil: 5,
    });
    expect(CtsError.fromJSON(json).toJSON()).toEqual(json);
    expect(serializeError(new CtsError('timeout', 't'))).toEqual({
      code: 'timeout',
      message: 't',
      hint: expect.any(String),
      retryable: true,
    });
  });

  it('keeps scheme, host and path of quoted URLs in withoutQueries', () => {
    expect(withoutQueries("bad URL 'wss://open-api-swap.bingx.com/swap-market?listenKey=SECRET'")).toBe(
      "bad URL 'wss://open-api-swap.bingx.com/swap-market?…'",
    );
    expect(withoutQueries('no url here? fine')).toBe('no url here? fine');
  });
});
