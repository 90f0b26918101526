import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../errors/api-errors.ts';
import { createTokenVerifier, issueToken, parseTtl, verifyToken } from './tokens.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('tokens', () => {
  it('round-trips sub and role when the token is valid', async () => {
    const token = await issueToken({ secret: SECRET, sub: 'ops', role: 'viewer', ttl: '5m' });
    await expect(verifyToken(SECRET, token)).resolves.toEqual({
      sub: 'ops',
      role: 'viewer',
      exp: expect.any(Number),
    });
  });

  it('rejects an expired token with an expiry message', async () => {
    const token = await issueToken({
      secret: SECRET,
      sub: 'ops',
      role: 'admin',
      ttl: 60,
      now: Date.now() - 3_600_000,
    });
    await expect(verifyToken(SECRET, token)).rejects.toThrow('expired');
  });

  it('rejects a token living longer than the maximum (30 days by default, configurable)', async () => {
    const sign = (iat: number | undefined, exp: number) => {
      const jwt = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x');
      if (iat !== undefined) jwt.setIssuedAt(iat);
      return jwt.setExpirationTime(exp).sign(new TextEncoder().encode(SECRET));
    };
    const now = Math.floor(Date.now() / 1000);
    const long = await sign(now, now + 31 * 86_400);
    await expect(verifyToken(SECRET, long)).rejects.toThrow(/lives longer than the allowed 2592000 s/);
    await expect(verifyToken(SECRET, long, { maxLifetimeS: 40 * 86_400 })).resolves.toMatchObject({
      sub: 'x',
    });
    // Without iat the remaining lifetime counts.
    await expect(verifyToken(SECRET, await sign(undefined, now + 365 * 86_400))).rejects.toThrow(
      /lives longer/,
    );
    await expect(verifyToken(SECRET, await sign(now, now + 30 * 86_400))).resolves.toMatchObject({
      sub: 'x',
    });
    await expect(issueToken({ secret: SECRET, sub: 'x', role: 'admin', ttl: '31d' })).rejects.toThrow(
      /ttl: at most 2592000 s/,
    );
  });

  it('rejects a token issued in the future beyond a minute of clock skew', async () => {
    const now = Date.now();
    const future = await issueToken({ secret: SECRET, sub: 'x', role: 'admin', now: now + 3_600_000 });
    await expect(verifyToken(SECRET, future)).rejects.toThrow(/issued in the future/);
    const skewed = await issueToken({ secret: SECRET, sub: 'x', role: 'admin', now: now + 30_000 });
    await expect(verifyToken(SECRET, skewed)).resolves.toMatchObject({ sub: 'x' });
    await expect(createTokenVerifier(SECRET)(future)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await issueToken({ secret: `${SECRET}-other`, sub: 'ops', role: 'admin' });
    await expect(verifyToken(SECRET, token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects alg:none tokens', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'x', role: 'admin', exp })}.`;
    await expect(verifyToken(SECRET, token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a token without exp or with an unknown role', async () => {
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(key);
    await expect(verifyToken(SECRET, noExp)).rejects.toBeInstanceOf(UnauthorizedError);
    const root = await new SignJWT({ role: 'root' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(key);
    await expect(verifyToken(SECRET, root)).rejects.toThrow('role');
  });

  it('refuses short secrets and bad TTLs with a TypeError naming the field', async () => {
    await expect(issueToken({ secret: 'short', sub: 'x', role: 'admin' })).rejects.toThrow('jwtSecret');
    expect(() => parseTtl('soon')).toThrow('ttl');
    expect(parseTtl('2h')).toBe(7200);
    expect(parseTtl('90')).toBe(90);
  });
});

describe('createTokenVerifier', () => {
  it('remembers verified tokens but still refuses them once expired', async () => {
    let now = Date.now();
    const verify = createTokenVerifier(SECRET, { now: () => now, cacheSize: 2 });
    const token = await issueToken({ secret: SECRET, sub: 'ops', role: 'admin', ttl: 60, now });
    const exp = Math.floor(now / 1000) + 60;
    await expect(verify(token)).resolves.toEqual({ sub: 'ops', role: 'admin', exp });
    await expect(verify(token)).resolves.toEqual({ sub: 'ops', role: 'admin', exp });
    now += 61_000;
    await expect(verify(token)).rejects.toThrow('expired');
  });

  it('does not remember refusals', async () => {
    const verify = createTokenVerifier(SECRET);
    const forged = await issueToken({ secret: `${SECRET}-x`, sub: 'ops', role: 'admin' });
    await expect(verify(forged)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(verify(forged)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
