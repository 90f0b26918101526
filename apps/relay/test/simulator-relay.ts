/**
 * The fixed-IP egress fixture of the relay, server and Worker tests: the exchange simulator on loopback and a relay in
 * front of it that sends from RELAY_IP (127.0.0.2 — the simulator reads the socket's address, so a key whitelisted
 * for it only passes through the relay). Exported as `@cts/relay/testing`.
 */
import { randomHex } from '@cts/core';
import type { EgressRelay } from '@cts/core/egress';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { type Relay, startRelay } from '../src/index.ts';

/** The relay's source address (loopback, so no network setup is needed). */
export const RELAY_IP = '127.0.0.2';

export interface SimulatorRelay {
  sim: SimulatorServer;
  relay: Relay;
  /** The relay's shared secret (random per fixture). */
  secret: string;
  /** The relay as CTS is configured with it (a CTS_EGRESS_RELAYS entry). */
  egress: EgressRelay;
  /** Closes the relay, then the simulator. */
  close(): Promise<void>;
}

/** Starts the simulator (port 0) and a silent relay on port 0 sending from RELAY_IP to it. */
export async function startSimulatorRelay(): Promise<SimulatorRelay> {
  const secret = randomHex(32);
  const sim = await startSimulatorServer({ port: 0 });
  const relay = await startRelay({
    secret,
    port: 0,
    localAddress: RELAY_IP,
    simulatorUrl: sim.url,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  return {
    sim,
    relay,
    secret,
    egress: { url: relay.url, secret, ips: [RELAY_IP] },
    close: async () => {
      await relay.close();
      await sim.close();
    },
  };
}
