import { createScriptedFetch, jsonReply, ManualClock, type RecordedRequest } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../limiter/rate-limiter.ts';
import { createConnector } from '../create-connector.ts';
import { estimateClockOffset } from './clock-sync.ts';

const START = Date.UTC(2026, 0, 27, 10, 0, 0);
const SERVER_AHEAD_MS = 3000;

/** Runs `work` to completion, advancing the manual clock to each pending sleep's deadline. */
async function drive<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  // Signing (Web Crypto) resolves outside the microtask queue: give it a macrotask when no sleep is due.
  while (!done) if (!(await clock.tick())) await new Promise((r) => setTimeout(r, 0));
  return result;
}

describe('clock samples are timed from when their request is sent', () => {
  it('a sample that waited for a permit does not read the wait as latency (estimateClockOffset)', async () => {
    const clock = new ManualClock({ start: START });
    // Sample i waits i s for its permit, then takes 100 ms each way; the server stamps the moment it answers.
    let i = 0;
    const sample = async (onSent: (at: number) => void) => {
      await clock.sleep(1000 * i++);
      onSent(clock.now());
      await clock.sleep(100);
      const server = clock.now() + SERVER_AHEAD_MS;
      await clock.sleep(100);
      return server;
    };
    const offset = await drive(clock, estimateClockOffset(clock, sample, 3));
    expect(offset.offsetMs).toBe(SERVER_AHEAD_MS);
    expect(offset.rttMs).toBe(200);
  });

  it('an OKX sync behind a full limiter window measures the exchange offset, not the queueing', async () => {
    const clock = new ManualClock({ start: START });
    const limiter = new RateLimiter({ clock, profile: 'published' });
    const scripted = createScriptedFetch([
      (r: RecordedRequest) =>
        r.url.endsWith('/public/time')
          ? jsonReply({ code: '0', msg: '', data: [{ ts: String(clock.now() + SERVER_AHEAD_MS) }] })
          : jsonReply({ code: '0', msg: '', data: [] }),
    ]);
    const connector = createConnector({
      exchange: 'okx',
      apiType: 'spot',
      credentials: { apiKey: 'key-1', apiSecret: 'secret-1', passphrase: 'pass-1' },
      fetch: scripted.fetch,
      clock,
      limiter,
      maxRetries: 0,
    });
    // Another account on this IP used the whole public-time window (10 per 2 s): the samples queue for ~2 s.
    const time = { exchange: 'okx', account: 'other', method: 'GET', path: '/api/v5/public/time' } as const;
    for (let n = 0; n < 10; n++) (await limiter.acquire(time)).release();

    // A health check's single sample (the case a median cannot hide), then a test's three at once.
    const single = await drive(clock, connector.syncClock(1));
    expect(clock.now() - START).toBeGreaterThanOrEqual(2000);
    expect(single.offsetMs).toBe(SERVER_AHEAD_MS);
    expect(single.rttMs).toBe(0);
    for (let n = 0; n < 9; n++) (await limiter.acquire(time)).release();
    const three = await drive(clock, connector.syncClock(3));
    expect(three.offsetMs).toBe(SERVER_AHEAD_MS);
    expect(scripted.requests.filter((r) => r.url.endsWith('/public/time'))).toHaveLength(4);
  });
});
