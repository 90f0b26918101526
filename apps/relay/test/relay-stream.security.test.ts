/**
 * The stream route (/v1/stream, a WebSocket upgrade with the envelope in its query) follows the same rules: a valid
 * envelope is spliced to the exchange's stream from the local address; replayed, forged, unsigned and non-exchange
 * envelopes are refused before anything is opened.
 */
import { randomHex } from '@cts/core';
import { RELAY_STREAM_PATH, relayStreamUrl } from '@cts/core/egress';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RefusalReason, type Relay, startRelay } from '../src/index.ts';

const secret = randomHex(32);
let sim: SimulatorServer;
let relay: Relay;

beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  relay = await startRelay({
    secret,
    port: 0,
    localAddress: '127.0.0.2',
    simulatorUrl: sim.url,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
});
afterAll(async () => {
  await relay?.close();
  await sim?.close();
});

/** Opens a WebSocket and reports whether it opened (and closes it). */
function opens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => {
      ws.close();
      resolve(true);
    });
    ws.addEventListener('error', () => resolve(false));
  });
}

const relayInfo = () => ({ url: relay.url, secret, ips: ['127.0.0.2'] });
const streamTarget = () => `${sim.url.replace(/^http/, 'ws')}/bybit/v5/private`;

describe('relay streams', () => {
  it('opens a valid stream envelope, and refuses the same one replayed', async () => {
    const url = await relayStreamUrl(relayInfo(), streamTarget(), Date.now());
    expect(await opens(url)).toBe(true);
    expect(await opens(url)).toBe(false);
    expect(relay.metrics.refusedCount('replayed')).toBe(1);
  });

  it('refuses forged, unsigned, expired and non-exchange stream envelopes', async () => {
    const forged = await relayStreamUrl(
      { ...relayInfo(), secret: randomHex(32) },
      streamTarget(),
      Date.now(),
    );
    expect(await opens(forged)).toBe(false);
    expect(await opens(`${relay.url.replace(/^http/, 'ws')}${RELAY_STREAM_PATH}?url=${streamTarget()}`)).toBe(
      false,
    );
    expect(await opens(await relayStreamUrl(relayInfo(), streamTarget(), Date.now() - 60_000))).toBe(false);
    const own = await relayStreamUrl(relayInfo(), `${relay.url.replace(/^http/, 'ws')}/metrics`, Date.now());
    expect(await opens(own)).toBe(false);
    for (const reason of ['bad_signature', 'unsigned', 'expired', 'host_not_allowed'] as RefusalReason[])
      expect(relay.metrics.refusedCount(reason), reason).toBeGreaterThan(0);
  });
});
