import type { SimulatorServer } from '@cts/sim';
import type { Browser } from 'playwright-core';

/** A running CTS (Node server or Worker in workerd) with the admin at /admin and the REST API at /api. */
export interface BoardTarget {
  /** Names screenshots: node | worker. */
  name: string;
  url: string;
  browser: Browser;
  sim: SimulatorServer;
  /** An admin bearer token (signs in to the admin, calls the API). */
  token(): Promise<string>;
  /** A named admin user that exists on this target, with its password. */
  user: { username: string; password: string };
}

// biome-ignore lint/suspicious/noExplicitAny: replies are inspected freely
type Json = any;

/** Calls the target's REST API with an admin token: the "background" actor of the board tests. */
export async function api(t: BoardTarget, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${t.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await t.token()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Creates a connection on a fresh simulator account through the API; returns its id. Enabled, it is tested at
 * once and this waits until it is active.
 */
export async function addConnection(
  t: BoardTarget,
  name: string,
  options: { exchange?: 'bybit' | 'okx' | 'binance'; withdraw?: boolean; enabled?: boolean } = {},
): Promise<string> {
  const exchange = options.exchange ?? 'bybit';
  const a = await t.sim.simulator.createAccount({
    exchange,
    environment: 'mainnet',
    permissions: { withdraw: options.withdraw ?? false },
  });
  const body = await api(t, 'POST', '/settings/connections', {
    name,
    exchange,
    api_type: 'spot',
    api_key: a.apiKey,
    api_secret: a.apiSecret,
    ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
    enabled: options.enabled ?? false,
  });
  const id: string = body.connection.id;
  if (!options.enabled) return id;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = (await api(t, 'GET', `/settings/connections/${id}`)).connection.state;
    if (state === 'active') return id;
    if (Date.now() > deadline) throw new Error(`${name} is ${state}, expected active`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
