/**
 * The board scenarios on the real Worker (apps/worker: D1, the limiter Durable Object, the API with the admin at
 * /admin) in workerd through Miniflare on a loopback port, driven by Chromium. The exchange is the simulator.
 */
import { issueToken } from '@cts/api';
import { type SimulatorServer, startSimulatorServer } from '@cts/sim';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { startWorker, type WorkerUnderTest } from '../../worker/test/harness.ts';
import { formatAdminUser, hashPassword } from '../src/index.ts';
import { boardScenarios } from './board-scenarios.ts';
import type { BoardTarget } from './board-target.ts';
import { launchChromium } from './harness.ts';

let sim: SimulatorServer;
let worker: WorkerUnderTest;
let browser: Browser;
let target: BoardTarget;

beforeAll(async () => {
  sim = await startSimulatorServer({ port: 0 });
  // A named admin user as `npm run admin-user -- add ops --print` prints it for `wrangler secret put`.
  const line = formatAdminUser({
    username: 'ops',
    role: 'admin',
    passwordHash: await hashPassword('correct horse battery'),
  });
  worker = await startWorker({
    vars: { CTS_EXCHANGE_BASE_URL: sim.url, CTS_ADMIN_USERS: line, CTS_EGRESS_IPS: '203.0.113.7' },
  });
  browser = await launchChromium();
  target = {
    name: 'worker',
    url: worker.url,
    browser,
    sim,
    token: () => issueToken({ secret: worker.jwtSecret, sub: 'worker-e2e', role: 'admin', ttl: '1h' }),
    user: { username: 'ops', password: 'correct horse battery' },
  };
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await sim?.close();
});

describe('admin board in Chromium on the Worker in workerd', () => {
  boardScenarios(() => target);
});
