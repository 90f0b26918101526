import type { Context } from 'hono';
import { connectionsBoard, connectionsRegion } from '../board/connections-board.ts';
import type { FieldErrors, FormValues } from '../forms/parse-form.ts';
import type { ResolvedAdminOptions } from '../options.ts';
import { connectionForm } from '../views/connection-form.ts';
import { html } from '../views/html.ts';
import { flash } from '../views/layout.ts';
import type { AdminEnv } from './env.ts';
import { pageQuery } from './page-query.ts';

type C = Context<AdminEnv>;

/** The two replies of the add/edit form: re-rendered with its errors, or saved (fresh table, dialog closed). */
export function formReplies(options: ResolvedAdminOptions) {
  const { basePath: base, coordinator } = options;

  /** The form re-rendered in place with its errors (422, or 409 on a conflict). */
  const invalid = async (
    c: C,
    values: FormValues,
    errors: FieldErrors,
    formError?: string,
    status: 409 | 422 = 422,
  ) => {
    const id = c.req.param('id');
    const record = id ? await coordinator.getConnection(id) : undefined;
    return c.html(
      await connectionForm({ base, csrf: c.get('session').csrf, values, errors, record, formError }),
      status,
    );
  };

  /** After a write: the fresh table, a message, and the dialog closed once the swap has settled. */
  const saved = async (c: C, message: string) => {
    const board = await connectionsBoard(options, c.get('session'), pageQuery(c));
    const table = connectionsRegion(options, board);
    return c.html(html`${table}<div id="flash" hx-swap-oob="innerHTML">${flash('ok', message)}</div>`, 200, {
      'HX-Retarget': '#connections-table',
      'HX-Reswap': 'outerHTML',
      'HX-Trigger-After-Settle': 'cts-close-dialog',
    });
  };

  return { invalid, saved };
}
