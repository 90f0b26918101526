import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../../errors/cts-error.ts';
import type { Logger } from '../../ports/logger.ts';
import { OrangexTokenSession, parseOrangexAuthResult } from './token-session.ts';

function harness(options: { refreshFails?: boolean; refreshBeforeMs?: number } = {}) {
  const clock = new ManualClock({ start: 0 });
  const calls: string[] = [];
  const logged: string[] = [];
  const logger: Logger = {
    debug: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    info: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    warn: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    error: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
  };
  let n = 0;
  const session = new OrangexTokenSession({
    clock,
    logger,
    refreshBeforeMs: options.refreshBeforeMs,
    authenticate: async () => {
      calls.push('auth');
      n++;
      return {
        access_token: `access-${n}`,
        refresh_token: `refresh-${n}`,
        expires_in: 900,
        scope: 'account:read',
      };
    },
    refresh: async (refreshToken) => {
      calls.push(`refresh:${refreshToken}`);
      if (options.refreshFails) throw new CtsError('auth.failed', 'OrangeX 10000: invalid refresh token');
      n++;
      return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900 };
    },
  });
  return { clock, session, calls, logged };
}

describe('OrangexTokenSession', () => {
  it('reuses the token while it is valid', async () => {
    const { clock, session, calls } = harness();
    expect((await session.token()).accessToken).toBe('access-1');
    await clock.advance(800_000);
    expect((await session.token()).accessToken).toBe('access-1');
    expect(calls).toEqual(['auth']);
  });

  it('refreshes before expiry (60 s ahead by default) with the refresh token', async () => {
    const { clock, session, calls } = harness();
    const first = await session.token();
    expect(first.expiresAt).toBe(900_000);
    await clock.advance(840_000); // 60 s before expiry
    const second = await session.token();
    expect(second.accessToken).toBe('access-2');
    expect(second.expiresAt).toBe(840_000 + 900_000);
    expect(calls).toEqual(['auth', 'refresh:refresh-1']);
  });

  it('authenticates again when refreshing fails', async () => {
    const { clock, session, calls, logged } = harness({ refreshFails: true });
    await session.token();
    await clock.advance(850_000);
    expect((await session.token()).accessToken).toBe('access-2');
    expect(calls).toEqual(['auth', 'refresh:refresh-1', 'auth']);
    expect(logged.join('\n')).not.toMatch(/access-|refresh-1/);
  });

  it('shares one renewal between concurrent callers', async () => {
    const { session, calls } = harness();
    const tokens = await Promise.all([session.token(), session.token(), session.token()]);
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['access-1']));
    expect(calls).toEqual(['auth']);
  });

  it('authenticates from scratch after invalidate', async () => {
    const { session, calls } = harness();
    await session.token();
    session.invalidate();
    expect((await session.token()).accessToken).toBe('access-2');
    expect(calls).toEqual(['auth', 'auth']);
  });

  it('honours refreshBeforeMs and rejects a bad one', async () => {
    const { clock, session, calls } = harness({ refreshBeforeMs: 300_000 });
    await session.token();
    await clock.advance(600_000);
    await session.token();
    expect(calls).toEqual(['auth', 'refresh:refresh-1']);
    expect(
      () =>
        new OrangexTokenSession({
          clock,
          authenticate: async () => 0,
          refresh: async () => 0,
          refreshBeforeMs: -1,
        }),
    ).toThrow(/^refreshBeforeMs:/);
  });
});

describe('parseOrangexAuthResult', () => {
  it('rejects a result without a token', () => {
    expect(() => parseOrangexAuthResult({ expires_in: 10 }, 0)).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
    expect(() => parseOrangexAuthResult({ access_token: 'a', expires_in: 0 }, 0)).toThrow(
      expect.objectContaining({ code: 'exchange.bad_response' }),
    );
  });
});
