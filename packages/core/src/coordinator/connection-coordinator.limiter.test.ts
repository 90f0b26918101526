import { describe, expect, it } from 'vitest';
import { createFixture, waitFor } from '../../test/coordinator-fixture.ts';
import { RateLimiter } from '../limiter/rate-limiter.ts';

describe('ConnectionCoordinator with the RateLimiter', () => {
  it('sends every request through the limiter and reports its usage as the connection rate-limit usage', async () => {
    const f = await createFixture();
    const limiter = new RateLimiter({ clock: f.clock, profile: 'seed' });
    const co = f.build({ limiter, limiterUsage: (exchange, account) => limiter.usage(exchange, account) });
    // The seed's table allows BingX 5 requests per second per connection: a test takes 5 (3 clock samples,
    // balance, permissions), so the second test in the same second waits for the window to pass.
    const c = await co.createConnection(await f.input('bingx'), { awaitTest: true });
    expect(c.state).toBe('active');
    const h = await co.getConnectionHealth(c.id);
    expect(h.rateLimitUsage).toBe(100);
    let done = false;
    const second = co.testConnection(c.id).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    await f.clock.advance(1000);
    await waitFor(() => done);
    expect((await second).success).toBe(true);
    expect(f.sim.stats().bingx?.total.rateLimitViolations ?? 0).toBe(0);
    expect((await co.getSystemStatus()).features.rateLimiting).toBe('enabled');
  });
});
