/**
 * Alerts end to end over real HTTP: channels created through the API, a real receiver on loopback
 * (CTS_ALERT_ALLOW_HOSTS lets CTS reach 127.0.0.1), each service's documented payload, the webhook signature checked
 * with the documented recipe (node:crypto, independent of CTS's signer), retries recorded per attempt.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from './alert-receiver.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
let rx: Receiver;
const BOT_TOKEN = '123456789:AAH-test_token_for_the_loopback_receiver00';

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness({
    config: { alerts: { allowHosts: ['127.0.0.1'], dispatcher: { baseDelayMs: 50, maxDelayMs: 200 } } },
  });
});
afterAll(async () => {
  await h?.close();
  await rx?.close();
});

async function deliveryOf(id: string, status = 'delivered') {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await h.request('GET', `/api/settings/alerts/deliveries/${id}`);
    if (r.json?.delivery?.status === status) return r.json.delivery;
    if (Date.now() > deadline) throw new Error(`delivery ${id}: ${JSON.stringify(r.json)}`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

/** Creates a channel, sends its test alert, returns what the receiver got and the delivery. */
async function testThrough(body: Record<string, unknown>) {
  const created = await h.request('POST', '/api/settings/alerts/channels', { body });
  expect(created.status, created.text).toBe(201);
  const before = rx.received.length;
  const sent = await h.request('POST', `/api/settings/alerts/channels/${created.json.channel.id}/test`);
  expect(sent.status).toBe(202);
  const delivery = await deliveryOf(sent.json.delivery_id);
  const got = (await rx.waitFor(before + 1))[before]!;
  expect(got.headers['x-cts-idempotency-key']).toBe(sent.json.delivery_id);
  return { created: created.json, got, delivery };
}

describe('alert channels over real HTTP', () => {
  it('generic webhook: JSON body, and X-CTS-Signature verifies with the documented recipe', async () => {
    const { created, got } = await testThrough({
      name: 'Ops hook',
      type: 'webhook',
      url: `${rx.url}/hooks/cts`,
    });
    const secret: string = created.signing_secret;
    expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/hooks/cts');
    expect(got.headers['content-type']).toBe('application/json');
    const ts = got.headers['x-cts-timestamp'] as string;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    // The recipe: hex HMAC-SHA256 under the secret over `${timestamp}.${raw body}`, compared in constant time.
    const expected = createHmac('sha256', secret).update(`${ts}.${got.raw}`).digest('hex');
    expect(
      timingSafeEqual(Buffer.from(expected), Buffer.from(got.headers['x-cts-signature'] as string)),
    ).toBe(true);
    const forged = createHmac('sha256', secret).update(`${ts}.${got.raw} `).digest('hex');
    expect(forged).not.toBe(got.headers['x-cts-signature']);
    expect(Object.keys(got.json).sort()).toEqual(
      [
        'at',
        'connection_id',
        'connection_name',
        'details',
        'exchange',
        'fingerprint',
        'hint',
        'id',
        'kind',
        'message',
        'sent_at',
        'severity',
        'since',
        'status',
        'title',
        'type',
        'until',
      ].sort(),
    );
    expect(got.json).toMatchObject({
      id: got.headers['x-cts-idempotency-key'],
      kind: 'notice',
      type: 'test',
      status: 'firing',
      severity: 'info',
      title: 'Test alert from CTS to Ops hook',
    });
  });

  it('Slack incoming webhook: { text, blocks } with header, mrkdwn section and context', async () => {
    const { got } = await testThrough({
      name: 'Slack',
      type: 'slack',
      url: `${rx.url}/services/T000/B000/XXXX`,
    });
    expect(got.path).toBe('/services/T000/B000/XXXX');
    expect(Object.keys(got.json)).toEqual(['text', 'blocks']);
    expect(got.json.text).toBe('🔵 Test alert from CTS to Slack');
    expect(got.json.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context']);
    expect(got.json.blocks[0].text).toEqual({
      type: 'plain_text',
      text: '🔵 Test alert from CTS to Slack',
      emoji: true,
    });
    expect(got.json.blocks[1].text.type).toBe('mrkdwn');
    expect(got.json.blocks[2].elements[0].type).toBe('mrkdwn');
  });

  it('Discord webhook: { content, embeds, allowed_mentions } within the documented limits', async () => {
    const { got } = await testThrough({
      name: 'Discord',
      type: 'discord',
      url: `${rx.url}/api/webhooks/123/tok`,
    });
    expect(Object.keys(got.json)).toEqual(['content', 'embeds', 'allowed_mentions']);
    expect(got.json.allowed_mentions).toEqual({ parse: [] });
    const [embed] = got.json.embeds;
    expect(Object.keys(embed)).toEqual(['title', 'description', 'color', 'timestamp', 'fields', 'footer']);
    expect(Number.isInteger(embed.color) && embed.color <= 0xffffff).toBe(true);
    expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp);
    expect(embed.title.length).toBeLessThanOrEqual(256);
    for (const f of embed.fields) expect(Object.keys(f)).toEqual(['name', 'value', 'inline']);
  });

  it('Telegram Bot API: POST {base}/bot<token>/sendMessage with chat_id, text and parse_mode HTML', async () => {
    const { got, created } = await testThrough({
      name: 'TG <ops>',
      type: 'telegram',
      bot_token: BOT_TOKEN,
      chat_id: '-1001234567890',
      api_base_url: rx.url,
    });
    expect(got.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(got.json).toEqual({ chat_id: -1001234567890, text: expect.any(String), parse_mode: 'HTML' });
    expect(got.json.text).toContain('<b>🔵 Test alert from CTS to TG &lt;ops&gt;</b>');
    expect(created.channel.bot_token).not.toContain(BOT_TOKEN.slice(10));
  });

  it('ntfy: JSON publish to the server root with topic, title, message, priority and tags', async () => {
    const { got } = await testThrough({
      name: 'Phone',
      type: 'ntfy',
      url: `${rx.url}/cts-alerts-x7`,
      token: 'tk_abcdefghijklmnop',
    });
    expect(got.path).toBe('/');
    expect(got.headers.authorization).toBe('Bearer tk_abcdefghijklmnop');
    expect(Object.keys(got.json)).toEqual(['topic', 'title', 'message', 'priority', 'tags']);
    expect(got.json).toMatchObject({
      topic: 'cts-alerts-x7',
      title: '🔵 Test alert from CTS to Phone',
      priority: 3,
    });
    expect(got.json.tags).toEqual(['information_source', 'test']);
  });

  it('delivers once after a receiver answers 500 three times, with every attempt recorded', async () => {
    const created = await h.request('POST', '/api/settings/alerts/channels', {
      body: { name: 'Flaky', type: 'webhook', url: `${rx.url}/flaky` },
    });
    rx.script.push(500, 500, 500);
    const before = rx.received.length;
    const sent = await h.request('POST', `/api/settings/alerts/channels/${created.json.channel.id}/test`);
    const delivery = await deliveryOf(sent.json.delivery_id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, last_status: 200, last_error: null });
    expect(
      delivery.attempt_log.map((a: { httpStatus: number; outcome: string }) => [a.httpStatus, a.outcome]),
    ).toEqual([
      [500, 'retry'],
      [500, 'retry'],
      [500, 'retry'],
      [200, 'delivered'],
    ]);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives after the 200
    const got = rx.received.slice(before);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((g) => g.headers['x-cts-idempotency-key']))).toEqual(
      new Set([sent.json.delivery_id]),
    );
  });

  it('alerts a connection going to error, with the reason, and never puts a secret in the text', async () => {
    await h.request('POST', '/api/settings/alerts/channels', {
      body: { name: 'State', type: 'webhook', url: `${rx.url}/state`, events: ['connection.error'] },
    });
    const body = await h.account('okx');
    const before = rx.received.filter((r) => r.path === '/state').length;
    const created = await h.create({ ...body, api_secret: 'definitely-not-the-secret' });
    await h.waitForState(created.json.connection.id, 'error');
    const deadline = Date.now() + 20_000;
    while (rx.received.filter((r) => r.path === '/state').length <= before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    const got = rx.received.filter((r) => r.path === '/state').at(-1)!;
    expect(got.json).toMatchObject({
      type: 'connection.error',
      kind: 'alert',
      severity: 'critical',
      exchange: 'okx',
      connection_id: created.json.connection.id,
    });
    expect(got.json.hint).toBeTruthy();
    for (const secret of [body.api_key, body.api_secret, body.api_passphrase, 'definitely-not-the-secret'])
      expect(got.raw).not.toContain(secret as string);
  });
});

describe('alert channel API rules', () => {
  const post = (body: unknown) => h.request('POST', '/api/settings/alerts/channels', { body });

  it.each([
    [{ name: 'x', type: 'pager' }, 'type'],
    [{ name: 'x', type: 'slack', url: 'not a url' }, 'url'],
    [{ name: 'x', type: 'slack', url: 'http://hooks.slack.com/services/x' }, 'url'],
    [{ name: 'x', type: 'discord', url: 'https://10.1.2.3/api/webhooks/1/x' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://[::1]/x' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://169.254.169.254/latest' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://localhost/x' }, 'url'],
    [{ name: 'x', type: 'telegram', bot_token: BOT_TOKEN, chat_id: 'my chat' }, 'chat_id'],
    [{ name: 'x', type: 'telegram', bot_token: 'nope', chat_id: '12345' }, 'bot_token'],
    [{ name: 'x', type: 'ntfy', url: 'https://ntfy.sh/' }, 'url'],
    [{ name: 'x', type: 'slack', url: 'https://hooks.slack.com/x', events: ['nope'] }, 'events.0'],
  ])('refuses %j with 400 naming %s, and saves nothing', async (body, field) => {
    const before = (await h.request('GET', '/api/settings/alerts/channels')).json.channels.length;
    const r = await post(body);
    expect(r.status, r.text).toBe(400);
    expect(r.json.error.field).toBe(field);
    expect((await h.request('GET', '/api/settings/alerts/channels')).json.channels).toHaveLength(before);
  });

  it('never returns a secret: admins see it masked, viewers not at all; viewers cannot write', async () => {
    const url = 'https://hooks.slack.com/services/T0/B0/supersecretpart1234';
    const r = await post({ name: 'Masked', type: 'slack', url });
    expect(r.status).toBe(201);
    expect(r.text).not.toContain('supersecretpart');
    expect(r.json.channel.url).toBe('https://hooks.slack.com/…1234');
    const admin = await h.request('GET', `/api/settings/alerts/channels/${r.json.channel.id}`);
    expect(admin.text).not.toContain('supersecretpart');
    const viewer = await h.request('GET', '/api/settings/alerts/channels', { token: h.viewerToken });
    expect(viewer.status).toBe(200);
    expect(viewer.json.channels.every((c: { url?: string }) => c.url === undefined)).toBe(true);
    const denied = await h.request('POST', '/api/settings/alerts/channels', {
      token: h.viewerToken,
      body: { name: 'v', type: 'slack', url },
    });
    expect(denied.status).toBe(403);
    expect(h.logs.join('\n')).not.toContain('supersecretpart');
  });

  it('updates a channel keeping its secret, and deletes it', async () => {
    const r = await post({ name: 'Keep', type: 'slack', url: 'https://hooks.slack.com/services/T/B/keepme' });
    const id = r.json.channel.id;
    const patched = await h.request('PATCH', `/api/settings/alerts/channels/${id}`, {
      body: { name: 'Kept', min_severity: 'critical', exchanges: ['okx'] },
    });
    expect(patched.json.channel).toMatchObject({
      name: 'Kept',
      min_severity: 'critical',
      exchanges: ['okx'],
      url: 'https://hooks.slack.com/…epme',
    });
    const typeChange = await h.request('PATCH', `/api/settings/alerts/channels/${id}`, {
      body: { type: 'discord' },
    });
    expect(typeChange.status).toBe(400);
    expect((await h.request('DELETE', `/api/settings/alerts/channels/${id}`)).status).toBe(200);
    expect((await h.request('GET', `/api/settings/alerts/channels/${id}`)).status).toBe(404);
  });
});
