import { Hono } from 'hono';
import type { ResolvedAdminOptions } from '../options.ts';
import { sessionsPage, sessionsTable } from '../views/sessions-page.ts';
import type { AdminEnv } from './env.ts';
import { refuse } from './respond.ts';

/**
 * GET /sessions lists the live sessions (an admin sees everyone's, a viewer their own); POST /sessions/:id/revoke
 * (admins) revokes one: its cookie is refused from the next request on. Revoking your own signs you out.
 */
export function sessionRoutes(options: ResolvedAdminOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const { basePath: base, sessions, clock } = options;
  const list = (session: AdminEnv['Variables']['session']) =>
    sessions.listActive(
      clock.now(),
      session.role === 'admin' ? { limit: 500 } : { sub: session.sub, limit: 500 },
    );

  app.get('/sessions', async (c) => {
    const session = c.get('session');
    const table = sessionsTable({ base, session, list: await list(session) });
    return c.html(sessionsPage({ base, session, table }));
  });

  app.post('/sessions/:id/revoke', async (c) => {
    const session = c.get('session');
    const id = c.req.param('id');
    if (!(await sessions.revoke(id, clock.now()))) return refuse(c, 404, 'That session has already ended.');
    if (id === session.sid) return c.body(null, 200, { 'HX-Redirect': `${base}/login` });
    return c.html(sessionsTable({ base, session, list: await list(session) }));
  });

  return app;
}
