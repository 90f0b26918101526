import type { ConnectionAction } from '@cts/core';
import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { connectionRow } from '../views/connection-row.ts';
import type { AdminEnv } from './env.ts';
import { describeError } from './errors.ts';
import { refuse } from './respond.ts';

const ACTIONS: readonly ConnectionAction[] = ['enable', 'disable', 'pause', 'resume'];

/** POST /connections/:id/actions/:action — enable, disable, pause, resume; answers with the fresh row. */
export function actionRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/connections/:id/actions/:action', async (c) => {
    const action = c.req.param('action') as ConnectionAction;
    if (!ACTIONS.includes(action)) return refuse(c, 404, 'Unknown action.');
    try {
      const record = await options.coordinator.applyAction(c.req.param('id'), action);
      return c.html(connectionRow(record, { base: options.basePath, canEdit: true }), 200, {
        'HX-Trigger': 'cts-refresh', // re-rank the list: the row may belong elsewhere now
      });
    } catch (err) {
      const d = describeError(err);
      return refuse(c, d.status, d.message, d.hint);
    }
  });
  return app;
}
