import { MemorySessionStore } from '@cts/core/storage/memory';
import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { SessionCodec } from './session.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters!';

describe('SessionCodec', () => {
  it('round-trips a session with a fresh CSRF token when the cookie is intact', async () => {
    const clock = new ManualClock();
    const codec = await SessionCodec.fromSecret(SECRET, {
      ttlMs: 3600_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    const { token, session } = await codec.issue({ sub: 'ops', role: 'admin' });
    expect(session.csrf).toMatch(/^[0-9a-f]{64}$/);
    expect(await codec.read(token)).toEqual(session);
    const other = await codec.issue({ sub: 'ops', role: 'admin' });
    expect(other.session.csrf).not.toBe(session.csrf);
  });

  it('refuses a session when it has expired on the injected clock', async () => {
    const clock = new ManualClock();
    const codec = await SessionCodec.fromSecret(SECRET, {
      ttlMs: 60_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    const { token } = await codec.issue({ sub: 'ops', role: 'viewer' });
    await clock.advance(59_000);
    expect(await codec.read(token)).not.toBeNull();
    await clock.advance(2_000);
    expect(await codec.read(token)).toBeNull();
  });

  it('ends the session when the token that opened it expires, if that comes before the configured lifetime', async () => {
    const clock = new ManualClock();
    const codec = await SessionCodec.fromSecret(SECRET, {
      ttlMs: 8 * 3600_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    const tokenExp = Math.floor(clock.now() / 1000) + 600;
    const { token, maxAgeS } = await codec.issue({ sub: 'ops', role: 'admin', exp: tokenExp }, 'token');
    expect(maxAgeS).toBe(600);
    await clock.advance(599_000);
    expect(await codec.read(token)).not.toBeNull();
    await clock.advance(2_000);
    expect(await codec.read(token)).toBeNull();
    // A password sign-in has no token: the configured lifetime holds.
    const pw = await codec.issue({ sub: 'ops', role: 'admin' }, 'password');
    expect(pw.maxAgeS).toBe(8 * 3600);
  });

  it('refuses a revoked session (sign-out), and one whose stored record is gone', async () => {
    const clock = new ManualClock();
    const store = new MemorySessionStore();
    const codec = await SessionCodec.fromSecret(SECRET, { ttlMs: 3600_000, now: () => clock.now(), store });
    const { token, session } = await codec.issue({ sub: 'ops', role: 'admin' });
    expect(await codec.revoke(token)).toBe(true);
    expect(await codec.read(token)).toBeNull();
    expect(await codec.revoke(token)).toBe(false);
    const elsewhere = await SessionCodec.fromSecret(SECRET, {
      ttlMs: 3600_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    // A valid signature alone is not enough: the session must exist in the store.
    expect(await elsewhere.read(token)).toBeNull();
    expect((await store.get(session.sid))?.revokedAt).toBe(clock.now());
  });

  it('refuses a cookie when it was tampered with, signed with another secret, or is an API token', async () => {
    const clock = new ManualClock();
    const codec = await SessionCodec.fromSecret(SECRET, {
      ttlMs: 3600_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    const { token } = await codec.issue({ sub: 'ops', role: 'viewer' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
    expect(await codec.read(`${h}.${forged}.${s}`)).toBeNull();
    const otherCodec = await SessionCodec.fromSecret(`${SECRET}-other`, {
      ttlMs: 3600_000,
      now: () => clock.now(),
      store: new MemorySessionStore(),
    });
    expect(await otherCodec.read(token)).toBeNull();
    // An API bearer token is signed with the raw secret, not the derived session key: not a session.
    const { issueToken } = await import('@cts/api');
    const apiToken = await issueToken({ secret: SECRET, sub: 'ops', role: 'admin', now: clock.now() });
    expect(await codec.read(apiToken)).toBeNull();
    expect(await codec.read(undefined)).toBeNull();
    expect(await codec.read('not-a-jwt')).toBeNull();
  });
});
