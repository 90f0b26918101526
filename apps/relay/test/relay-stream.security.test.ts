/**
 * The stream route (/v1/stream, a WebSocket upgrade with the envelope in its query) follows the same rules: a valid
 * envelope is spliced to the exchange's stream from the local address; replayed, forged, unsigned and non-exchange
 * envelopes are refused before anything is opened.
 */
import { randomHex } from '@cts/core';
import { RELAY_STREAM_PATH, relayStreamUrl } from '@cts/core/egress';
import type { SimulatorServer } from '@cts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefusalReason, Relay } from '../src/index.ts';
import { type SimulatorRelay, startSimulatorRelay } from './simulator-relay.ts';

let fixture: SimulatorRelay;
let sim: SimulatorServer;
let relay: Relay;

beforeAll(async () => {
  fixture = await startSimulatorRelay();
  ({ sim, relay } = fixture);
});
afterAll(async () => {
  await fixture?.close();
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

const relayInfo = () => fixture.egress;
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
