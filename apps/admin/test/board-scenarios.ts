/**
 * The board's "Done when" in Chromium, written once and run against every target (the Node server and the Worker
 * in workerd): a test started from the UI finishes with its result; a connection that fails in the background
 * moves to the top with its reason without a reload; axe-core finds no serious or critical violation on any page;
 * screenshots at 1280×800 and 360×740.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { seriousViolations } from './a11y.ts';
import { addConnection, api, type BoardTarget } from './board-target.ts';
import { SCREENSHOTS } from './harness.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

export async function signIn(t: BoardTarget, page: Page, token?: string): Promise<void> {
  await page.goto(`${t.url}/admin/login`);
  await page.getByLabel('Access token (JWT)').fill(token ?? (await t.token()));
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.waitForURL(/\/admin\/connections$/);
}

export async function shot(t: BoardTarget, page: Page, name: string): Promise<void> {
  const dir = `${SCREENSHOTS}after/`;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: `${dir}${t.name}-${name}-${size?.width ?? 0}.png` });
}

export function boardScenarios(target: () => BoardTarget): void {
  it('finishes a test started from the UI and shows its result, its steps streamed as they happen', async () => {
    const t = target();
    const id = await addConnection(t, 'UI tested');
    const page = await t.browser.newPage({ viewport: DESKTOP });
    await signIn(t, page);
    const row = page.locator(`#conn-${id}`);
    expect(await row.locator('td[data-label="Last test"]').textContent()).toContain('never');
    // Every exchange answers 300 ms late, so the step lines are seen while the test still runs.
    t.sim.simulator.setFaults({ faults: [{ kind: 'latency', latency: { type: 'fixed', ms: 300 } }] });
    try {
      await page.getByRole('button', { name: 'Test UI tested' }).click();
      await page
        .locator('#test-run[data-status="running"] li[data-step]')
        .first()
        .waitFor({ timeout: 20_000 });
    } finally {
      t.sim.simulator.setFaults({ faults: [] });
    }
    const passed = page.locator('#test-run[data-status="passed"]');
    await passed.waitFor({ timeout: 20_000 });
    expect(await passed.locator('.log li').count()).toBeGreaterThan(2);
    expect(await passed.locator('[data-balance]').textContent()).toMatch(/\d/);
    // The row follows without a reload: the live table refreshes after the test.
    await expect
      .poll(() => row.locator('td[data-label="Last test"] time[data-rel]').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await row.locator('time[data-rel]').textContent()).toBe('just now');
    expect(await row.locator('time[data-rel]').getAttribute('title')).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    );
    await shot(t, page, 'test-passed');
    await page.close();
  });

  it('shows the withdraw badge on a key that can withdraw, from the key audit of its test', async () => {
    const t = target();
    const id = await addConnection(t, 'Withdraw key', { exchange: 'binance', withdraw: true, enabled: true });
    const page = await t.browser.newPage({ viewport: DESKTOP });
    await signIn(t, page);
    const badge = page.locator(`#conn-${id} [data-flag="can_withdraw"]`);
    expect(await badge.textContent()).toBe('can withdraw');
    expect(await badge.getAttribute('class')).toContain('badge-err');
    await shot(t, page, 'withdraw-badge');
    await page.close();
  });

  it('moves a connection that fails in the background to the top with its reason, without a reload', async () => {
    const t = target();
    await addConnection(t, 'Aaa healthy', { enabled: true });
    const failing = await addConnection(t, 'Zzz soon failing', { enabled: true });
    const page = await t.browser.newPage({ viewport: DESKTOP });
    await signIn(t, page);
    const first = page.locator('#connections-table tbody tr').first();
    expect(await first.getAttribute('data-connection-id')).not.toBe(failing);
    // Keep the operator's state across live updates: a checked row stays checked.
    await page.getByLabel('Select Aaa healthy').check();
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    // The exchange forgets every key; a test through the API (not this page) finds the key refused.
    t.sim.simulator.reset();
    await api(t, 'POST', `/settings/connections/${failing}/test`);
    await expect
      .poll(() => first.getAttribute('data-connection-id'), { timeout: 20_000, interval: 200 })
      .toBe(failing);
    expect(await first.getAttribute('data-row-state')).toBe('error');
    expect(await first.locator('[data-reason]').textContent()).toMatch(/auth\.[a-z_]+: /);
    expect(await first.locator('[data-hint]').textContent()).toMatch(/What to do: .+/);
    expect(await page.getByLabel('Select Aaa healthy').isChecked()).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    await shot(t, page, 'failed-on-top');
    await page.close();
  });

  it('colours the health tiles by state, lists the failing connection first, and shows the instance on System', async () => {
    const t = target();
    const page = await t.browser.newPage({ viewport: DESKTOP });
    await signIn(t, page);
    await page.goto(`${t.url}/admin/health`);
    const inError = page.locator('[data-tile="In error"]');
    expect(await inError.getAttribute('data-tone')).toBe('err');
    expect(await page.locator('.health-table tbody tr').first().textContent()).toContain('Zzz soon failing');
    await page.goto(`${t.url}/admin/system`);
    expect(await page.locator('[data-egress-ips]').textContent()).toBe('203.0.113.7');
    expect(await page.locator('[data-runtime]').textContent()).toMatch(
      t.name === 'worker' ? /Cloudflare Workers/ : /Node\.js \d+/,
    );
    await page.close();
  });

  it('signs a named user in with a password (PBKDF2 hash from configuration), and refuses a wrong one', async () => {
    const t = target();
    const page = await t.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${t.url}/admin/login`);
    await page.getByLabel('Username').fill(t.user.username);
    await page.getByLabel('Password').fill(`${t.user.password}!`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Sign-in failed: check the token, or the username and password.').waitFor();
    await page.getByLabel('Password').fill(t.user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/admin\/connections$/);
    expect(await page.locator('.who').textContent()).toContain(t.user.username);
    await page.close();
  });

  it('lists the live sessions and refuses a revoked one at its next request', async () => {
    const t = target();
    const user = await t.browser.newPage({ viewport: DESKTOP });
    await user.goto(`${t.url}/admin/login`);
    await user.getByLabel('Username').fill(t.user.username);
    await user.getByLabel('Password').fill(t.user.password);
    await user.getByRole('button', { name: 'Sign in', exact: true }).click();
    await user.waitForURL(/\/admin\/connections$/);

    const admin = await t.browser.newPage({ viewport: DESKTOP });
    await signIn(t, admin);
    await admin.goto(`${t.url}/admin/sessions`);
    expect(await admin.locator('tr', { hasText: 'this session' }).count()).toBe(1);
    const theirs = admin.locator(`tr[data-session-sub="${t.user.username}"]`);
    expect(await theirs.count()).toBeGreaterThan(0);
    expect(await theirs.first().textContent()).toContain('by password');
    await shot(t, admin, 'sessions');
    // Revoke every session of the named user, through the styled confirm dialog.
    while ((await theirs.count()) > 0) {
      const before = await theirs.count();
      await theirs
        .first()
        .getByRole('button', { name: /^Revoke the session of/ })
        .click();
      await admin.locator('dialog.confirm').getByRole('button', { name: 'Revoke' }).click();
      await expect.poll(() => theirs.count()).toBe(before - 1);
    }
    await user.goto(`${t.url}/admin/connections`);
    expect(user.url()).toContain('/admin/login');
    await user.close();
    await admin.close();
  });

  it('has no serious or critical accessibility violation (axe-core) on any page, at 1280 and 360 px', async () => {
    const t = target();
    const found: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await t.browser.newPage({ viewport });
      await page.goto(`${t.url}/admin/login`);
      const check = async (name: string) => {
        for (const v of await seriousViolations(page))
          found.push(`${name}@${viewport.width}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
        await shot(t, page, name);
      };
      await check('login');
      await signIn(t, page);
      await check('connections');
      await page.locator('#connections-table details.menu summary').first().click();
      await check('connections-menu');
      await page.getByRole('button', { name: 'Add connection' }).click();
      await page.locator('dialog#connection-dialog').waitFor({ state: 'visible' });
      await check('add-dialog');
      await page.goto(`${t.url}/admin/health`);
      await check('health');
      await page.goto(`${t.url}/admin/system`);
      await check('system');
      await page.goto(`${t.url}/admin/sessions`);
      await check('sessions');
      await page.close();
    }
    expect(found).toEqual([]);
  });
}
