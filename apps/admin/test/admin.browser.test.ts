import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, SCREENSHOTS, startHarness } from './harness.ts';

const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'&`;

let h: Harness;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

async function newPage(width: number, height = 900): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  return page;
}

async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto(`${h.url}/admin/connections`);
  await expect.poll(() => page.url()).toContain('/admin/login');
  await page.getByLabel('Access token (JWT)').fill(token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.waitForURL(/\/admin\/connections$/);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

async function simKey(exchange: 'bybit' | 'okx' | 'binance', withdraw = false) {
  return h.sim.simulator.createAccount({ exchange, environment: 'mainnet', permissions: { withdraw } });
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('admin UI in Chromium', () => {
  it('signs in with a token, adds a connection against the simulator through the dialog, and tests it', async () => {
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connections');

    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.locator('dialog#connection-dialog');
    await dialog.waitFor({ state: 'visible' });
    // Fields follow the exchange: passphrase for OKX only; margin and position mode for perpetual futures only.
    await dialog.getByLabel('Exchange').selectOption('okx');
    await dialog.getByLabel('API passphrase').waitFor();
    await expect.poll(() => dialog.locator('#f-api_type option').allTextContents()).not.toContain('Unified');
    await dialog.getByLabel('API type').selectOption('perpetual_futures');
    await dialog.getByLabel('Margin type').waitFor();
    await dialog.getByLabel('Exchange').selectOption('bybit');
    await expect.poll(() => dialog.getByLabel('API passphrase').count()).toBe(0);
    // Inline validation from the zod schema.
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await dialog.locator('#err-name').waitFor();
    expect(await dialog.locator('#err-name').textContent()).toBe('Give the connection a name');
    expect(await dialog.locator('#err-api_key').textContent()).toBe('The API key is required');
    await shot(page, 'desktop-dialog-errors');

    const key = await simKey('bybit');
    await dialog.getByLabel('Name').fill('Bybit main');
    await dialog.getByLabel('API type').selectOption('spot');
    await dialog.getByLabel('API key').fill(key.apiKey);
    await dialog.getByLabel('API secret').fill(key.apiSecret);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('tr', { has: page.getByText('Bybit main') });
    await row.waitFor();
    expect(await page.content()).not.toContain(key.apiSecret);
    expect(await page.content()).not.toContain(key.apiKey);

    await row.getByRole('button', { name: 'Test Bybit main' }).click();
    const panel = page.locator('#test-run[data-status="passed"]');
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.locator('.log li').count()).toBeGreaterThan(2);
    expect(await panel.locator('[data-balance]').textContent()).toMatch(/\d/);
    expect(await panel.locator('[data-clock-offset]').textContent()).toMatch(/ms$/);
    expect(await panel.locator('[data-permissions]').textContent()).toContain('read');
    expect(await panel.locator('[data-withdraw-warning]').count()).toBe(0);
    await expect.poll(() => row.locator('[data-state]').textContent()).toBe('active');
    await shot(page, 'desktop-test-passed');
    await page.close();
  });

  it('shows a red warning when the key can withdraw, and the plain-words hint when a key fails', async () => {
    const withdraw = await simKey('binance', true);
    await h.coordinator.createConnection({
      name: 'Binance withdraw',
      exchange: 'binance',
      api_type: 'spot',
      api_key: withdraw.apiKey,
      api_secret: withdraw.apiSecret,
      enabled: false,
    });
    const bad = await simKey('bybit');
    await h.coordinator.createConnection({
      name: 'Bybit wrong secret',
      exchange: 'bybit',
      api_type: 'spot',
      api_key: bad.apiKey,
      api_secret: `${bad.apiSecret}x`,
      enabled: false,
    });
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    await page.getByRole('button', { name: 'Test Binance withdraw' }).click();
    const warned = page.locator('#test-run[data-status="passed"] [data-withdraw-warning]');
    await warned.waitFor({ timeout: 15_000 });
    expect(await warned.textContent()).toMatch(/can withdraw/);

    await page.getByRole('button', { name: 'Test Bybit wrong secret' }).click();
    const failed = page.locator('#test-run[data-status="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.locator('[data-error-code]').getAttribute('data-error-code')).toMatch(/^auth\./);
    expect(await failed.locator('.remedy').textContent()).toMatch(/What to do: .+/);
    await shot(page, 'desktop-test-failed-hint');
    await page.close();
  });

  it('shows the step lines while a slow test runs (300 ms per exchange request), then the result', async () => {
    const key = await simKey('okx');
    const slow = await h.coordinator.createConnection({
      name: 'OKX slow',
      exchange: 'okx',
      api_type: 'spot',
      api_key: key.apiKey,
      api_secret: key.apiSecret,
      api_passphrase: key.passphrase,
      enabled: false,
    });
    h.sim.simulator.setFaults({
      faults: [{ kind: 'latency', exchange: 'okx', latency: { type: 'fixed', ms: 300 } }],
    });
    try {
      const page = await newPage(1280);
      await signInWithToken(page, await h.adminToken());
      await page.getByRole('button', { name: 'Test OKX slow' }).click();
      // An intermediate step line, shown while the test is still running.
      const running = page.locator('#test-run[data-status="running"] li[data-step]', {
        hasText: /Syncing clock|Clock offset|Fetching balance/,
      });
      await running.first().waitFor({ timeout: 15_000 });
      await shot(page, 'desktop-test-live-steps');
      const passed = page.locator('#test-run[data-status="passed"]');
      await passed.waitFor({ timeout: 15_000 });
      expect(await passed.locator('.log li', { hasText: 'Test passed' }).count()).toBe(1);
      await page.close();
    } finally {
      h.sim.simulator.setFaults({ faults: [] });
      await h.coordinator.deleteConnection(slow.id); // later tests count the OKX connections
    }
  });

  it('runs a batch test of every connection and the progress bar reaches 100%', async () => {
    for (let i = 0; i < 4; i++) {
      const key = await simKey('okx');
      await h.coordinator.createConnection({
        name: `OKX ${i + 1}`,
        exchange: 'okx',
        api_type: 'spot',
        api_key: key.apiKey,
        api_secret: key.apiSecret,
        api_passphrase: key.passphrase,
        enabled: false,
      });
    }
    const total = (await h.coordinator.getAllConnections()).length;
    // Every exchange answers 150 ms late during the batch, so progress is seen between 0 and 100%.
    h.sim.simulator.setFaults({ faults: [{ kind: 'latency', latency: { type: 'fixed', ms: 150 } }] });
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    await page.getByLabel('Select all connections').check();
    await page.getByRole('button', { name: 'Test selected' }).click();
    const panel = page.locator('#batch-run');
    await panel.waitFor();
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const done = await panel.getAttribute('data-done');
          seen.add(done ?? '');
          return panel.getAttribute('data-status');
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe('completed');
    h.sim.simulator.setFaults({ faults: [] });
    const partial = [...seen].map(Number).filter((d) => d < total);
    expect(partial.length).toBeGreaterThan(0);
    expect(await panel.getAttribute('data-total')).toBe(String(total));
    expect(await panel.locator('[data-progress-text]').textContent()).toBe(`${total} of ${total} (100%)`);
    const bar = panel.locator('progress');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await panel.locator('.results li').count()).toBe(total);
    expect(await panel.locator('[data-task-status="failed"]').count()).toBe(1); // the wrong secret
    expect(await panel.locator('[data-summary]').textContent()).toContain(`${total - 1} passed, 1 failed`);
    await shot(page, 'desktop-batch-done');
    await page.close();
  });

  it('filters, edits, pauses, resumes and deletes (with confirmation) through the table', async () => {
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    await page.getByLabel('Exchange', { exact: true }).selectOption('okx');
    await expect.poll(() => page.locator('#connections-table tbody tr').count()).toBe(4);
    expect(page.url()).toContain('exchange=okx');
    await page.getByLabel('State', { exact: true }).selectOption('active');
    await expect.poll(() => page.locator('#connections-table tbody tr').count()).toBe(1);
    expect(await page.locator('#connections-table tbody').textContent()).toContain('No connections match');
    await page.goto(`${h.url}/admin/connections`);

    await page.getByLabel('More actions for OKX 1').click();
    await page.getByRole('button', { name: 'Edit OKX 1' }).click();
    const dialog = page.locator('dialog#connection-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getByLabel('API passphrase').count()).toBe(1);
    await dialog.getByLabel('Name').fill('OKX renamed');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('OKX renamed').first().waitFor();

    const row = page.locator('tr', { has: page.getByText('Bybit main') });
    await row.getByLabel('More actions for Bybit main').click();
    await row.getByRole('button', { name: 'Pause Bybit main' }).click();
    await expect.poll(() => row.locator('[data-state]').textContent()).toBe('paused');
    // Paused rows rank first: the list re-ranks at once.
    await expect
      .poll(() => page.locator('#connections-table tbody tr').first().getAttribute('data-row-state'))
      .toBe('paused');
    await row.getByLabel('More actions for Bybit main').click();
    await row.getByRole('button', { name: 'Resume Bybit main' }).click();
    await expect.poll(() => row.locator('[data-state]').textContent()).toBe('active');

    const [okx4] = await h.coordinator
      .listConnections({ exchange: 'okx' })
      .then((l) => l.filter((c) => c.name === 'OKX 4'));
    await page.getByLabel('More actions for OKX 4').click();
    await page.getByRole('button', { name: 'Delete OKX 4' }).click();
    // A styled confirm dialog, not the browser's confirm().
    const confirm = page.locator('dialog.confirm');
    await confirm.waitFor({ state: 'visible' });
    expect(await confirm.textContent()).toContain('Delete the connection “OKX 4”?');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByText('OKX 4', { exact: true }).count()).toBe(0);
    await expect(h.coordinator.getConnection(okx4!.id)).rejects.toThrow(/does not exist/);
    // The flash dismisses itself (it sits at the bottom, never over a panel's title).
    await page.locator('.flash-ok').waitFor();
    await page.locator('.flash-ok').waitFor({ state: 'detached', timeout: 20_000 });

    // Search, and group by exchange, keep the query in the URL.
    await page.getByLabel('Search').fill('okx');
    await expect.poll(() => page.locator('#connections-table tbody tr[data-connection-id]').count()).toBe(3);
    expect(page.url()).toContain('q=okx');
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Group by exchange').check();
    await expect.poll(() => page.locator('#connections-table tr.group-row').count()).toBeGreaterThan(1);
    expect(page.url()).toContain('group=exchange');
    await page.close();
  });

  it('renders an XSS payload in a connection name as text', async () => {
    await h.coordinator.createConnection({
      name: XSS,
      exchange: 'bybit',
      api_type: 'spot',
      api_key: 'k'.repeat(20),
      api_secret: 's'.repeat(20),
      enabled: false,
    });
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    const cell = page.locator('.conn-name', { hasText: '<img' });
    await cell.waitFor();
    expect(await cell.textContent()).toBe(XSS);
    expect(await page.locator('#connections-table img').count()).toBe(0);
    await page.goto(`${h.url}/admin/health`);
    expect(await page.getByText(XSS).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });

  it('refuses a form posted without the CSRF token, and a viewer cannot change anything', async () => {
    const page = await newPage(1280);
    await signInWithToken(page, await h.adminToken());
    const [first] = await h.coordinator.getAllConnections();
    const noToken = await page.request.post(`${h.url}/admin/connections/${first!.id}/actions/disable`, {
      form: { version: '1' },
    });
    expect(noToken.status()).toBe(403);
    const wrongToken = await page.request.post(`${h.url}/admin/connections/${first!.id}/actions/disable`, {
      form: { _csrf: 'f'.repeat(64) },
    });
    expect(wrongToken.status()).toBe(403);
    const deleted = await page.request.delete(`${h.url}/admin/connections/${first!.id}`);
    expect(deleted.status()).toBe(403);
    expect((await h.coordinator.getConnection(first!.id)).state).toBe(first!.state);
    await page.close();

    const viewer = await newPage(1280);
    await signInWithToken(viewer, await h.viewerToken());
    expect(await viewer.getByRole('button', { name: 'Add connection' }).count()).toBe(0);
    const csrf = await viewer.locator('#batch-form input[name=_csrf]').inputValue();
    const refused = await viewer.request.post(`${h.url}/admin/connections/${first!.id}/actions/disable`, {
      form: { _csrf: csrf },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toMatch(/viewer/);
    await viewer.close();
  });

  it('signs in with a configured password, shows health and system pages, and signs out', async () => {
    const page = await newPage(1280);
    await page.goto(`${h.url}/admin/login`);
    await page.getByLabel('Username').fill('ops');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Sign-in failed').waitFor();
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/admin\/connections$/);
    await page.goto(`${h.url}/admin/health`);
    expect(await page.locator('svg.sparkline').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-usage] li').count()).toBeGreaterThan(0);
    await shot(page, 'desktop-health');
    await page.goto(`${h.url}/admin/system`);
    expect(await page.locator('[data-system-status]').textContent()).toMatch(/healthy|degraded|unhealthy/);
    await shot(page, 'desktop-system');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.goto(`${h.url}/admin/connections`);
    expect(page.url()).toContain('/admin/login');
    await page.close();
  });

  it('is usable at 360 px wide: cards, dialog and panels fit the screen', async () => {
    const page = await newPage(360, 740);
    await signInWithToken(page, await h.adminToken());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}mobile-connections-viewport.png` });
    await shot(page, 'mobile-connections');
    await page.getByRole('button', { name: 'Test Bybit main' }).click();
    await page.locator('#test-run[data-status="passed"]').waitFor({ timeout: 15_000 });
    await shot(page, 'mobile-test-passed');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.locator('dialog#connection-dialog').waitFor({ state: 'visible' });
    const box = await page.locator('dialog#connection-dialog').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    await shot(page, 'mobile-dialog');
    await page.goto(`${h.url}/admin/health`);
    await shot(page, 'mobile-health');
    await page.close();
  });

  it('loaded no inline script or style and broke no CSP rule on any page', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
