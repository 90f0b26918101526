/**
 * `bingx-api` (singlesly/bingx-api, the BingX client on the npm registry) against the simulator over real
 * sockets on loopback. The library has no base-URL option for REST — `BingxRequest` fixes
 * `https://open-api.bingx.com` — but every request goes through its `RequestExecutorInterface`, which
 * `BingxApiClient` and `BingxAccountSocketStream` take as a constructor argument: `SimRequestExecutor` sends
 * the endpoint's own method, path, parameters, signature and API-key header to the simulator instead. The
 * account stream takes its URL as an option. Nothing in the library is patched.
 *
 * Pinned difference (see the last test): the library reads `Date.now()` twice per request — once for the
 * parameters it sends, once for the ones it signs — so when the millisecond ticks in between, the signed
 * timestamp is not the sent one and BingX answers 100001 (reference §4.2: the signature covers the
 * parameters as sent). The other tests hold `Date` still so they cannot flake on that. And it signs the
 * parameters in insertion order, where BingX's 2026 guide sorts them (reference 2026 §7); the simulator takes
 * both readings, so its calls pass — pinned by the test before last.
 */

import { createHmac } from 'node:crypto';
import {
  ApiAccount,
  CommonBusinessErrorCodeEnum,
  DefaultSignatureParameters,
  type EndpointInterface,
  type RequestExecutorInterface,
} from 'bingx-api/bingx';
import { BingxApiClient } from 'bingx-api/bingx-client';
import { BingxAccountSocketStream } from 'bingx-api/bingx-socket';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreatedAccount } from '../../src/accounts/account-store.ts';
import { type SimulatorServer, startSimulatorServer } from '../../src/server.ts';
import { waitFor } from './client-kit.ts';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ port: 0 });
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

/** What `BingxRequest.getResponse` sends, to the simulator's `/bingx` instead of open-api.bingx.com. */
class SimRequestExecutor implements RequestExecutorInterface {
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }
  async execute<T>(endpoint: EndpointInterface<T>): Promise<T> {
    const params = new URLSearchParams({
      ...endpoint.parameters().asRecord(),
      signature: endpoint.signature().toString(),
    });
    const res = await fetch(`${this.base}${endpoint.path()}?${params}`, {
      method: endpoint.method().toUpperCase(),
      headers: endpoint.apiKey().asHeader() as Record<string, string>,
    });
    return (await res.json()) as T;
  }
}

const account = (a: CreatedAccount, secret = a.apiSecret) => new ApiAccount(a.apiKey, secret);
const executor = () => new SimRequestExecutor(`${server.url}/bingx`);
/** Holds Date.now() still (timers stay real), so the library's two reads of it agree. */
const holdDate = () => vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });

describe('bingx-api', () => {
  it('reads the perpetual balance (GET /openApi/swap/v2/user/balance)', async () => {
    holdDate();
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const client = new BingxApiClient(executor());
    const res = await client.getAccountService().getPerpetualSwapAccountAssetInformation(account(a));
    expect(res.code).toBe(0);
    expect(res.data.balance).toMatchObject({ asset: 'USDT', balance: '5250' });
  });

  it('refuses a wrong secret with SIGNATURE_VERIFICATION_FAILED (100001)', async () => {
    holdDate();
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const client = new BingxApiClient(executor());
    const res = await client.getAccountService().getPerpetualSwapAccountAssetInformation(account(a, 'nope'));
    expect(res.code).toBe(CommonBusinessErrorCodeEnum.SIGNATURE_VERIFICATION_FAILED);
  });

  it('opens the account stream with a listenKey and answers the server Ping', async () => {
    // The library logs "<class> disconnected <apiKey>" on close: keep even a simulator key out of the output.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const url = new URL(`${server.url.replace('http', 'ws')}/bingx/swap-market`);
    const stream = new BingxAccountSocketStream(account(a), { requestExecutor: executor(), url });
    const beats: unknown[] = [];
    const sub = stream.heartbeat$.subscribe((b) => beats.push(b));
    try {
      await waitFor(() => beats.length > 0, 'the first Ping');
      expect(url.searchParams.get('listenKey')).toMatch(/^[0-9a-f]{64}$/);
      expect(server.simulator.stats().bingx!.keys[a.id]!.accepted).toBeGreaterThanOrEqual(2);
    } finally {
      sub.unsubscribe();
      stream.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
      vi.restoreAllMocks();
    }
  });

  it('pinned: a millisecond tick between its two Date.now() reads makes the signature fail (100001)', async () => {
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now++);
    const a = await server.simulator.createAccount({ exchange: 'bingx' });
    const res = await new BingxApiClient(executor())
      .getAccountService()
      .getPerpetualSwapAccountAssetInformation(account(a));
    vi.restoreAllMocks();
    expect(res.code).toBe(100001);
  });

  it('pinned: it signs parameters in insertion order (2026 guide: sorted, reference 2026 §7)', () => {
    const params = new DefaultSignatureParameters({ symbol: 'BTC-USDT', leverage: '6' }, 1700000000000);
    const signature = new ApiAccount('k', 'secret').sign(params).toString();
    const unsorted = 'symbol=BTC-USDT&leverage=6&timestamp=1700000000000';
    expect(signature).toBe(createHmac('sha256', 'secret').update(unsorted).digest('hex'));
    const sorted = 'leverage=6&symbol=BTC-USDT&timestamp=1700000000000';
    expect(signature).not.toBe(createHmac('sha256', 'secret').update(sorted).digest('hex'));
  });
});
