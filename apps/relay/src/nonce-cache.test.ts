import { describe, expect, it } from 'vitest';
import { NonceCache } from './nonce-cache.ts';

describe('NonceCache', () => {
  it('refuses a nonce seen inside twice the window, forgets it after, and refuses new ones when full', () => {
    const cache = new NonceCache(1000, 2);
    expect(cache.add('a', 0)).toBe(true);
    expect(cache.add('a', 1999)).toBe(false);
    expect(cache.add('b', 10)).toBe(true);
    expect(cache.add('c', 20)).toBe(false); // full
    expect(cache.add('a', 2000)).toBe(true); // 'a' expired at 2000 and was swept
    expect(cache.size).toBe(2);
  });
});
