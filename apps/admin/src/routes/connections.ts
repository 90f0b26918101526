import type { ConnectionFilter, CreateConnectionInput, UpdateConnectionInput } from '@cts/core';
import { CONNECTION_STATES, isApiType, isExchangeId } from '@cts/core';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { connectionEditSchema, connectionFormSchema } from '../forms/connection-schema.ts';
import { fieldRules } from '../forms/field-rules.ts';
import { type FieldErrors, type FormValues, formValues, parseForm } from '../forms/parse-form.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { connectionDialog, connectionForm } from '../views/connection-form.ts';
import { connectionTable } from '../views/connection-table.ts';
import { connectionsPage } from '../views/connections-page.ts';
import { exchangeFields } from '../views/exchange-fields.ts';
import { html } from '../views/html.ts';
import { flash } from '../views/layout.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { healthMap } from './health-map.ts';

type C = Context<AdminEnv>;

function filterFrom(q: (k: string) => string | undefined): ConnectionFilter {
  const filter: ConnectionFilter = {};
  const exchange = q('exchange');
  const apiType = q('api_type');
  const state = q('state');
  if (isExchangeId(exchange)) filter.exchange = exchange;
  if (isApiType(apiType)) filter.apiType = apiType;
  if (state && (CONNECTION_STATES as readonly string[]).includes(state))
    filter.state = state as ConnectionFilter['state'];
  return filter;
}

/** Connections: list with filters, the add/edit dialog with inline validation, delete. */
export function connectionRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const base = options.basePath;
  const coordinator = options.coordinator;

  const table = async (c: C) =>
    connectionTable(await coordinator.listConnections(), {
      base,
      canEdit: true,
      csrf: c.get('session').csrf,
      healthy: await healthMap(coordinator),
      filtered: false,
    });

  /** A form re-rendered with its errors (422), in place. */
  const invalid = async (
    c: C,
    values: FormValues,
    errors: FieldErrors,
    formError?: string,
    status: 409 | 422 = 422,
  ) => {
    const record = c.req.param('id') ? await coordinator.getConnection(c.req.param('id')!) : undefined;
    return c.html(
      await connectionForm({ base, csrf: c.get('session').csrf, values, errors, record, formError }),
      status,
    );
  };

  /** After a write: the fresh table, a message, and the dialog closed. */
  const saved = async (c: C, message: string) =>
    c.html(html`${table(c)}<div id="flash" hx-swap-oob="innerHTML">${flash('ok', message)}</div>`, 200, {
      'HX-Retarget': '#connections-table',
      'HX-Reswap': 'outerHTML',
      'HX-Trigger-After-Settle': 'cts-close-dialog',
    });

  app.get('/connections', async (c) => {
    const filter = filterFrom((k) => c.req.query(k));
    const list = await coordinator.listConnections(filter);
    return c.html(
      connectionsPage({
        base,
        session: c.get('session'),
        filter,
        list,
        healthy: await healthMap(coordinator),
      }),
    );
  });

  app.get('/connections/new', (c) =>
    c.html(
      connectionDialog({ base, csrf: c.get('session').csrf, values: { exchange: 'bybit' }, errors: {} }),
    ),
  );

  app.get('/connections/fields', (c) => {
    const exchange = c.req.query('exchange');
    const values: FormValues = {};
    for (const k of ['api_type', 'margin_type', 'position_mode', 'key_type']) {
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
    const parsed = parseForm(connectionFormSchema, values, ['is_testnet', 'enabled']);
    if (!parsed.ok) return invalid(c, values, parsed.errors);
    try {
      const input: CreateConnectionInput = parsed.value;
      const record = await coordinator.createConnection(input);
      return saved(c, `Added “${record.name}”.`);
    } catch (err) {
      const d = describeError(err);
      return invalid(c, values, d.field ? { [d.field]: d.message } : {}, d.field ? undefined : d.message);
    }
  });

  app.get('/connections/:id/edit', async (c) => {
    try {
      const r = await coordinator.getConnection(c.req.param('id'));
      const values: FormValues = { name: r.name, api_type: r.api_type, key_type: r.key_type };
      if (r.margin_type) values['margin_type'] = r.margin_type;
      if (r.position_mode) values['position_mode'] = r.position_mode;
      if (r.is_testnet) values['is_testnet'] = 'on';
      return c.html(connectionDialog({ base, csrf: c.get('session').csrf, values, errors: {}, record: r }));
    } catch (err) {
      const d = describeError(err);
      return c.text(d.message, d.status);
    }
  });

  app.post('/connections/:id', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody());
    const parsed = parseForm(connectionEditSchema, values, ['is_testnet']);
    if (!parsed.ok) return invalid(c, values, parsed.errors);
    try {
      const record = await coordinator.getConnection(id);
      const v = parsed.value;
      const rules = fieldRules(record.exchange, v.api_type ?? record.api_type);
      const errors: FieldErrors = {};
      if (v.api_type && !rules.apiTypes.includes(v.api_type))
        errors['api_type'] = `Not offered on this exchange`;
      if (v.api_passphrase && !rules.passphrase) errors['api_passphrase'] = 'This exchange has no passphrase';
      if (v.key_type && !rules.keyTypes.includes(v.key_type))
        errors['key_type'] = 'Not accepted on this exchange';
      if (Object.keys(errors).length) return invalid(c, values, errors);
      const input: UpdateConnectionInput = {
        name: v.name,
        api_type: v.api_type,
        is_testnet: v.is_testnet,
        margin_type: rules.futures ? (v.margin_type ?? null) : null,
        position_mode: rules.futures ? (v.position_mode ?? null) : null,
        version: v.version,
      };
      if (v.key_type) input.key_type = v.key_type;
      if (v.api_key && v.api_secret) Object.assign(input, { api_key: v.api_key, api_secret: v.api_secret });
      if (v.api_passphrase) input.api_passphrase = v.api_passphrase;
      const updated = await coordinator.updateConnection(id, input);
      return saved(c, `Saved “${updated.name}”.`);
    } catch (err) {
      const d = describeError(err);
      if (d.status === 404) return c.text(d.message, 404);
      return invalid(
        c,
        values,
        d.field ? { [d.field]: d.message } : {},
        d.field ? undefined : d.message,
        d.status === 409 ? 409 : 422,
      );
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
