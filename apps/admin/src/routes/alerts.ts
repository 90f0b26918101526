import { type ChannelInput, NotFoundError, ValidationError } from '@cts/core';
import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { alertsPage, channelsTable, deliveriesTable } from '../views/alerts-page.ts';
import { flash } from '../views/layout.ts';
import type { AdminEnv } from './env.ts';
import { refuse } from './respond.ts';

const FIELDS = ['name', 'type', 'url', 'bot_token', 'chat_id', 'min_severity'] as const;

/**
 * GET /alerts: channels and recent deliveries. Admins add a channel (POST /alerts/channels), send a test alert
 * (POST /alerts/channels/:id/test) and delete (POST /alerts/channels/:id/delete); the deliveries table refreshes.
 */
export function alertRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { basePath: base, alerts } = options;
  const deliveries = async () =>
    deliveriesTable({
      base,
      deliveries: alerts ? await alerts.listDeliveries({ limit: 20 }) : [],
      channels: alerts ? await alerts.listChannels() : [],
    });
  const channels = async (session: AdminEnv['Variables']['session']) =>
    channelsTable({ base, session, channels: alerts ? await alerts.listChannels() : [] });

  app.get('/alerts', async (c) => {
    const session = c.get('session');
    return c.html(
      alertsPage({
        base,
        session,
        configured: !!alerts,
        channels: await channels(session),
        deliveries: await deliveries(),
      }),
    );
  });

  app.get('/alerts/deliveries', async (c) => c.html(await deliveries()));

  app.post('/alerts/channels', async (c) => {
    if (!alerts) return refuse(c, 404, 'Alerts are not configured on this host.');
    const form = (await c.req.parseBody()) as Record<string, string>;
    const input: Record<string, string> = {};
    for (const f of FIELDS)
      if (typeof form[f] === 'string' && form[f].trim() !== '') input[f] = form[f].trim();
    try {
      const created = await alerts.createChannel(input as ChannelInput);
      const note = created.signing_secret
        ? await flash(
            'ok',
            `Channel ${created.channel.name} added. Its signing secret, shown once:`,
            created.signing_secret,
          )
        : await flash('ok', `Channel ${created.channel.name} added.`);
      return c.html(html(await channels(c.get('session')), note));
    } catch (err) {
      if (err instanceof ValidationError) return refuse(c, 400, `${err.field}: ${err.rule}`);
      throw err;
    }
  });

  app.post('/alerts/channels/:id/test', async (c) => {
    if (!alerts) return refuse(c, 404, 'Alerts are not configured on this host.');
    try {
      await alerts.sendTest(c.req.param('id'));
    } catch (err) {
      if (err instanceof NotFoundError) return refuse(c, 404, 'That channel no longer exists.');
      throw err;
    }
    return c.html(await deliveries());
  });

  app.post('/alerts/channels/:id/delete', async (c) => {
    if (!alerts) return refuse(c, 404, 'Alerts are not configured on this host.');
    try {
      await alerts.deleteChannel(c.req.param('id'));
    } catch (err) {
      if (err instanceof NotFoundError) return refuse(c, 404, 'That channel no longer exists.');
      throw err;
    }
    return c.html(await channels(c.get('session')));
  });

  return app;
}

/** The channels table, plus a flash message swapped out of band into #flash. */
function html(table: unknown, note: unknown): string {
  return `${table}<div id="flash" hx-swap-oob="innerHTML">${note}</div>`;
}
