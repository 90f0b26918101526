import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, issueToken } from '@cts/api';
import { ConnectionCoordinator, CredentialVault, generateMasterKey, RateLimiter } from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import { serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { createAdminApp, hashPassword } from '../src/index.ts';
import type { BoardTarget } from './board-target.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const JWT_SECRET = 'test-jwt-secret-that-is-long-enough-1234567890';
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export interface Harness {
  /** http://127.0.0.1:<port> of the host app; the admin UI is at `${url}/admin`. */
  url: string;
  sim: SimulatorServer;
  coordinator: ConnectionCoordinator;
  storage: ReturnType<typeof createMemoryStorage>;
  browser: Browser;
  adminToken(): Promise<string>;
  /** The harness as a board-test target (see board-scenarios.ts). */
  target: BoardTarget;
  viewerToken(): Promise<string>;
  close(): Promise<void>;
}

/** Launches the Debian Chromium; fails loudly when it is missing (CI installs it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium (the admin browser tests do not skip)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The real stack on loopback: the exchange simulator over HTTP, the real coordinator (with the real rate limiter)
 * on memory storage with the credential vault, the admin app mounted at /admin in a host Hono app served by @hono/node-server on port 0.
 */
export async function startHarness(): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const sim = await startSimulatorServer({ port: 0 });
  const storage = createMemoryStorage();
  const vault = await CredentialVault.fromKeys({ current: { id: 'test', key: generateMasterKey() } });
  const coordinator = new ConnectionCoordinator({
    storage,
    vault,
    limiter: new RateLimiter(),
    exchangeBaseUrl: sim.url,
    connectorTimeoutMs: 5000,
    healthCheckIntervalMs: 3_600_000,
  });
  await coordinator.start();
  const admin = createAdminApp({
    coordinator,
    auth: {
      jwtSecret: JWT_SECRET,
      // A named user with a PBKDF2 hash, as `npm run admin-user -- add ops` stores it.
      users: [{ username: 'ops', passwordHash: await hashPassword('correct horse battery'), role: 'admin' }],
    },
    healthSamples: storage.healthSamples,
    pollMs: 200,
    system: { egressIps: ['203.0.113.7'] },
  });
  // The REST API with the admin mounted, as the server serves them: tests act "in the background" through /api.
  const host = createApp({ coordinator, jwtSecret: JWT_SECRET, mounts: { '/admin': admin } });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: host.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const browser = await launchChromium();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = () => issueToken({ secret: JWT_SECRET, sub: 'e2e-admin', role: 'admin' });
  return {
    target: {
      name: 'node',
      url,
      browser,
      sim,
      token: adminToken,
      user: { username: 'ops', password: 'correct horse battery' },
    },
    url,
    sim,
    coordinator,
    storage,
    browser,
    adminToken,
    viewerToken: () => issueToken({ secret: JWT_SECRET, sub: 'e2e-viewer', role: 'viewer' }),
    close: async () => {
      await browser.close();
      await coordinator.stop({ graceMs: 1000 });
      await new Promise<void>((done) => {
        const s = server as unknown as { closeAllConnections?: () => void; close: (cb: () => void) => void };
        s.closeAllConnections?.();
        s.close(() => done());
      });
      await sim.close();
    },
  };
}
