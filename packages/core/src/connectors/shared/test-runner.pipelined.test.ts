import { createScriptedFetch, jsonReply, ManualClock, type RecordedRequest } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../create-connector.ts';

const START = Date.UTC(2026, 0, 27, 10, 0, 0);
const balance = [{ totalEq: '10', availEq: '', details: [] }];
const config = [{ perm: 'read_only', ip: '1.2.3.4', acctLv: '2', uid: '1' }];

/** An OKX exchange answering each signed call 100 ms after it arrives; `sentAt` records when each path arrived. */
function slowOkx(clock: ManualClock, rejectBalance = false) {
  const sentAt: Record<string, number> = {};
  const scripted = createScriptedFetch([
    async (r: RecordedRequest) => {
      const path = new URL(r.url).pathname;
      sentAt[path] = clock.now();
      if (path.endsWith('/public/time'))
        return jsonReply({ code: '0', msg: '', data: [{ ts: String(clock.now()) }] });
      await clock.sleep(100);
      if (rejectBalance && path.endsWith('/balance'))
        return jsonReply({ code: '50111', msg: 'Invalid OK-ACCESS-KEY', data: [] }, 401);
      return jsonReply({ code: '0', msg: '', data: path.endsWith('/config') ? config : balance });
    },
  ]);
  const connector = createConnector({
    exchange: 'okx',
    apiType: 'spot',
    credentials: { apiKey: 'key-1', apiSecret: 'secret-1', passphrase: 'pass-1' },
    fetch: scripted.fetch,
    clock,
    maxRetries: 0,
  });
  return { connector, sentAt };
}

async function drive<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  // Signing (Web Crypto) resolves outside the microtask queue: give it a macrotask when no sleep is due.
  while (!done) if (!(await clock.tick())) await new Promise((r) => setTimeout(r, 0));
  return result;
}

describe('the connection test sends its independent signed calls together', () => {
  it('the permissions call goes out with the balance call, not one round trip after it', async () => {
    const clock = new ManualClock({ start: START });
    const { connector, sentAt } = slowOkx(clock);
    const result = await drive(clock, connector.testConnection());
    expect(result.success).toBe(true);
    expect(sentAt['/api/v5/account/config']).toBe(sentAt['/api/v5/account/balance']);
    expect(result.duration).toBe(100);
    // The log still reads in order: balance, then permissions.
    const log = result.log.join('\n');
    expect(log.indexOf('Balance: 10')).toBeLessThan(log.indexOf('Checking key permissions'));
    expect(result.permissions?.read).toBe(true);
  });

  it("a refused balance call fails the test with the balance call's error (the other call's outcome is ignored)", async () => {
    const clock = new ManualClock({ start: START });
    const { connector } = slowOkx(clock, true);
    const result = await drive(clock, connector.testConnection());
    expect(result.success).toBe(false);
    expect(result.error?.exchangeCode).toBe('50111');
    expect(result.balance).toBeNull();
    expect(result.permissions).toBeNull();
  });
});
