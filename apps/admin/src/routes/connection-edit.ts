import type { UpdateConnectionInput } from '@cts/core';
import { Hono } from 'hono';
import { connectionEditSchema } from '../forms/connection-schema.ts';
import { fieldRules } from '../forms/field-rules.ts';
import { type FieldErrors, type FormValues, formValues, parseForm } from '../forms/parse-form.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { connectionDialog } from '../views/connection-form.ts';
import { formReplies } from './connection-replies.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';

/** The edit dialog: GET renders it from the record; POST validates, applies the changes with the version read. */
export function connectionEditRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const base = options.basePath;
  const coordinator = options.coordinator;
  const { invalid, saved } = formReplies(options);

  app.get('/connections/:id/edit', async (c) => {
    try {
      const r = await coordinator.getConnection(c.req.param('id'));
      const values: FormValues = { name: r.name, api_type: r.api_type, key_type: r.key_type };
      if (r.margin_type) values['margin_type'] = r.margin_type;
      if (r.position_mode) values['position_mode'] = r.position_mode;
      values['environment'] = r.environment;
      if (r.region) values['region'] = r.region;
      return c.html(connectionDialog({ base, csrf: c.get('session').csrf, values, errors: {}, record: r }));
    } catch (err) {
      const d = describeError(err);
      return c.text(d.message, d.status);
    }
  });

  app.post('/connections/:id', async (c) => {
    const id = c.req.param('id');
    const values = formValues(await c.req.parseBody());
    const parsed = parseForm(connectionEditSchema, values, []);
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
        environment: v.environment,
        region: v.region,
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

  return app;
}
