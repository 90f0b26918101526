import { describe, expect, it } from 'vitest';
import { CtsError, toCtsError, withoutQueries } from './cts-error.ts';

describe('toCtsError', () => {
  it('maps timeouts, aborts and network failures to our codes', () => {
    expect(toCtsError(new DOMException('t', 'TimeoutError')).code).toBe('timeout');
    expect(toCtsError(new DOMException('a', 'AbortError')).code).toBe('aborted');
    expect(toCtsError(new TypeError('fetch failed')).code).toBe('network');
    const own = new CtsError('rate_limited', 'x');
    expect(toCtsError(own)).toBe(own);
  });

  it('drops query strings from quoted URLs, so a signature or listenKey never reaches a message', () => {
    const err = toCtsError(
      new TypeError(
        'fetch failed for https://api.pionex.com/api/v1/account/balances?timestamp=1&signature=abc123 (ECONNRESET)',
      ),
    );
    expect(err.message).toBe(
      'Network error: fetch failed for https://api.pionex.com/api/v1/account/balances?… (ECONNRESET)',
    );
    expect(err.message).not.toContain('abc123');
    expect(withoutQueries("bad URL 'wss://open-api-swap.bingx.com/swap-market?listenKey=SECRET'")).toBe(
      "bad URL 'wss://open-api-swap.bingx.com/swap-market?…'",
    );
    expect(withoutQueries('no url here? fine')).toBe('no url here? fine');
  });
});
