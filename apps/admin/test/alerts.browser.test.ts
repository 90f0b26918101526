/**
 * The Alerts page in Chromium: an admin adds a webhook channel to a receiver on loopback, sends a test alert, and
 * the deliveries table shows it delivered (the receiver got it, signed). The stack is real: memory storage with its
 * alert store, the vault, the dispatcher with its own loop, served over HTTP.
 */
import type { AddressInfo } from 'node:net';
import { issueToken } from '@cts/api';
import {
  AlertDispatcher,
  AlertService,
  ConnectionCoordinator,
  CredentialVault,
  generateMasterKey,
} from '@cts/core';
import { createMemoryStorage } from '@cts/core/storage/memory';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../server/test/alert-receiver.ts';
import { createAdminApp } from '../src/index.ts';
import { JWT_SECRET, launchChromium } from './harness.ts';

let browser: Browser;
let rx: Receiver;
let url: string;
let server: ReturnType<typeof serve>;
let dispatcher: AlertDispatcher;
let coordinator: ConnectionCoordinator;

beforeAll(async () => {
  rx = await startReceiver();
  const storage = createMemoryStorage();
  const vault = await CredentialVault.fromKeys({ current: { id: 'k', key: generateMasterKey() } });
  coordinator = new ConnectionCoordinator({ storage, vault, healthCheckIntervalMs: 3_600_000 });
  const destination = { allowHosts: ['127.0.0.1'] };
  dispatcher = new AlertDispatcher({ store: storage.alerts!, vault, destination });
  dispatcher.start();
  const alerts = new AlertService({ store: storage.alerts!, vault, dispatcher, destination });
  const admin = createAdminApp({ coordinator, auth: { jwtSecret: JWT_SECRET }, alerts, pollMs: 200 });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: admin.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await dispatcher?.stop();
  await coordinator?.stop({ graceMs: 100 });
  (server as unknown as { closeAllConnections?: () => void })?.closeAllConnections?.();
  await new Promise<void>((done) => server?.close(() => done()));
  await rx?.close();
});

describe('Alerts page in Chromium', () => {
  it('adds a webhook channel, sends a test alert and shows it delivered', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${url}/admin/login`);
    await page
      .getByLabel('Access token (JWT)')
      .fill(await issueToken({ secret: JWT_SECRET, sub: 'ops', role: 'admin' }));
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.waitForURL(/\/admin\/connections$/);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL(/\/admin\/alerts$/);

    await page.getByText('Add a channel').click();
    await page.getByLabel('Type').selectOption('webhook');
    await page.getByLabel('Name').fill('Ops webhook');
    // A bad URL first: refused, naming the field.
    await page.getByLabel('Webhook or topic URL').fill('https://10.0.0.1/hook');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await expect
      .poll(() => page.locator('#flash').textContent())
      .toContain('url: must not point to a private');
    await page.getByLabel('Webhook or topic URL').fill(`${rx.url}/from-admin/secret-path`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const row = page.locator('#alert-channels tr', { hasText: 'Ops webhook' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('secret-path');
    await expect.poll(() => page.locator('#flash').textContent()).toMatch(/whsec_[0-9a-f]{48}/);

    await row.getByRole('button', { name: 'Send a test alert to Ops webhook' }).click();
    const delivered = page.locator('#alert-deliveries tr[data-status="delivered"]', {
      hasText: 'Test alert from CTS to Ops webhook',
    });
    await delivered.waitFor({ timeout: 20_000 });
    const [got] = await rx.waitFor(1);
    expect(got!.path).toBe('/from-admin/secret-path');
    expect(got!.json).toMatchObject({ type: 'test', title: 'Test alert from CTS to Ops webhook' });
    expect(got!.headers['x-cts-idempotency-key']).toBe(await delivered.getAttribute('data-delivery-id'));
    expect(errors).toEqual([]);
    await page.close();
  });
});
