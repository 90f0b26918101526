/** Test harness: the real system (coordinator, libSQL :memory:, vault, limiter) behind real HTTP on loopback. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueToken } from '@cts/api';
import { type ExchangeId, generateMasterKey, type Logger, randomHex } from '@cts/core';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { serve } from '@hono/node-server';
import { type Cts, type CtsConfig, createCts } from '../src/deps.ts';

/** Parsed JSON replies are inspected freely in tests. */
// biome-ignore lint/suspicious/noExplicitAny: test replies are inspected freely
export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

export interface Harness {
  url: string;
  sim: SimulatorServer;
  cts: Cts;
  jwtSecret: string;
  adminToken: string;
  viewerToken: string;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  request(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** A sim account and the POST body that creates a connection to it. */
  account(
    exchange: ExchangeId,
    options?: { apiType?: string; name?: string; testnet?: boolean },
  ): Promise<Record<string, unknown>>;
  /** Creates a connection through the API and returns it. */
  create(body: Record<string, unknown>): Promise<Reply>;
  /** Polls GET …/:id until the connection is in `state` (a created or enabled connection is tested in the background). */
  waitForState(id: string, state: string, timeoutMs?: number): Promise<Reply>;
  close(): Promise<void>;
}

function captureLogger(lines: string[]): Logger {
  const emit = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, msg, ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export interface HarnessOptions {
  /** @default ':memory:' */
  databaseUrl?: string;
  /** @default a fresh `test:` key */
  masterKey?: string;
  /** Passed to createCts (a function gets the simulator's URL). @default its defaults */
  config?: Partial<CtsConfig> | ((simUrl: string) => Partial<CtsConfig> | Promise<Partial<CtsConfig>>);
  /** A simulator the caller started and closes. @default a fresh one, closed by close() */
  sim?: SimulatorServer;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = options.sim ?? (await startSimulatorServer({ port: 0 }));
  const config = typeof options.config === 'function' ? await options.config(sim.url) : options.config;
  const jwtSecret = randomHex(32);
  const logs: string[] = [];
  const cts = await createCts({
    databaseUrl: options.databaseUrl ?? ':memory:',
    masterKey: options.masterKey ?? `test:${generateMasterKey()}`,
    jwtSecret,
    exchangeBaseUrl: sim.url,
    logger: captureLogger(logs),
    shutdownGraceMs: 1000,
    ...config,
  });
  const server = serve({ fetch: cts.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const adminToken = await issueToken({ secret: jwtSecret, sub: 'test-admin', role: 'admin', ttl: '1h' });
  const viewerToken = await issueToken({ secret: jwtSecret, sub: 'test-viewer', role: 'viewer', ttl: '1h' });

  const request: Harness['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? adminToken : options.token;
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  return {
    url,
    sim,
    cts,
    jwtSecret,
    adminToken,
    viewerToken,
    logs,
    request,
    async account(exchange, options = {}) {
      const environment = options.testnet
        ? exchange === 'okx' || exchange === 'bingx'
          ? 'demo'
          : 'testnet'
        : 'mainnet';
      const a = await sim.simulator.createAccount({ exchange, environment });
      return {
        name: options.name ?? `${exchange} account`,
        exchange,
        api_type: options.apiType ?? 'spot',
        api_key: a.apiKey,
        api_secret: a.apiSecret,
        ...(a.passphrase ? { api_passphrase: a.passphrase } : {}),
        ...(options.testnet ? { is_testnet: true } : {}),
      };
    },
    create: (body) => request('POST', '/api/settings/connections', { body }),
    async waitForState(id, state, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await request('GET', `/api/settings/connections/${id}`);
        if (res.json?.connection?.state === state) return res;
        if (Date.now() > deadline)
          throw new Error(`connection ${id} stayed ${res.json?.connection?.state}, expected ${state}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await cts.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (!options.sim) await sim.close();
    },
  };
}
