import type { CreateConnectionInput } from '@cts/core';
import { isExchangeId } from '@cts/core';
import { Hono } from 'hono';
import { boardQuery } from '../board/board-query.ts';
import { connectionsBoard, connectionsRegion } from '../board/connections-board.ts';
import { connectionFormSchema } from '../forms/connection-schema.ts';
import { type FormValues, formValues, parseForm } from '../forms/parse-form.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { connectionDialog } from '../views/connection-form.ts';
import { connectionsPage } from '../views/connections-page.ts';
import { exchangeFields } from '../views/exchange-fields.ts';
import { html } from '../views/html.ts';
import { flash } from '../views/layout.ts';
import { formReplies } from './connection-replies.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { liveReply } from './live-reply.ts';

/** Connections: list with filters, the add dialog with inline validation, the exchange-dependent fields, delete. */
export function connectionRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const base = options.basePath;
  const coordinator = options.coordinator;

  const { invalid, saved } = formReplies(options);

  app.get('/connections', async (c) => {
    const query = boardQuery((k) => c.req.query(k));
    const board = await connectionsBoard(options, c.get('session'), query);
    return c.html(
      connectionsPage({ base, session: c.get('session'), query, table: connectionsRegion(options, board) }),
    );
  });

  // The live table alone, polled by admin.js with If-None-Match: 304 while nothing changed.
  app.get('/connections/board', async (c) => {
    const board = await connectionsBoard(
      options,
      c.get('session'),
      boardQuery((k) => c.req.query(k)),
    );
    return liveReply(c, board, (f) => connectionsRegion(options, f));
  });

  app.get('/connections/new', (c) =>
    c.html(
      connectionDialog({ base, csrf: c.get('session').csrf, values: { exchange: 'bybit' }, errors: {} }),
    ),
  );

  app.get('/connections/fields', (c) => {
    const exchange = c.req.query('exchange');
    const values: FormValues = {};
    for (const k of ['api_type', 'margin_type', 'position_mode', 'key_type', 'environment', 'region']) {
      const v = c.req.query(k);
      if (v) values[k] = v;
    }
    return c.html(
      exchangeFields(
        base,
        isExchangeId(exchange) ? exchange : 'bybit',
        { values, errors: {} },
        c.req.query('editing') === '1',
      ),
    );
  });

  app.post('/connections', async (c) => {
    const values = formValues(await c.req.parseBody());
    if (!('enabled' in values)) values['enabled'] = 'off';
    // Environment and region come from their selects (is_testnet follows the environment).
    const parsed = parseForm(connectionFormSchema, values, ['enabled']);
    if (!parsed.ok) return invalid(c, values, parsed.errors);
    try {
      const input: CreateConnectionInput = parsed.value;
      const record = await coordinator.createConnection(input);
      return saved(
        c,
        record.state === 'testing'
          ? `Added “${record.name}”. Testing it now: its row shows the result.`
          : `Added “${record.name}” (disabled).`,
      );
    } catch (err) {
      const d = describeError(err);
      return invalid(c, values, d.field ? { [d.field]: d.message } : {}, d.field ? undefined : d.message);
    }
  });

  app.delete('/connections/:id', async (c) => {
    const id = c.req.param('id');
    try {
      const record = await coordinator.getConnection(id);
      await coordinator.deleteConnection(id);
      return c.html(
        html`<div id="flash" hx-swap-oob="innerHTML">${flash('ok', `Deleted “${record.name}”.`)}</div>`,
      );
    } catch (err) {
      const d = describeError(err);
      return c.html(flash('error', d.message), d.status, {
        'HX-Retarget': '#flash',
        'HX-Reswap': 'innerHTML',
      });
    }
  });

  return app;
}
