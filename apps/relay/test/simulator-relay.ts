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
  /** A simulator account whitelisted for RELAY_IP only, as the body of `POST /api/settings/connections` (disabled). */
  boundConnection(exchange: 'bybit' | 'okx', apiType?: string): Promise<Record<string, unknown>>;
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
    boundConnection: async (exchange, apiType = 'spot') => {
      const a = await sim.simulator.createAccount({ exchange, ipWhitelist: [RELAY_IP] });
      return {
        name: `${exchange} bound to the relay`,
        exchange,
        api_type: apiType,
        api_key: a.apiKey,
        api_secret: a.apiSecret,
        ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
        enabled: false,
      };
    },
    close: async () => {
      await relay.close();
      await sim.close();
    },
  };
}
