import type { AdminSession } from '../auth/session.ts';

/** Hono environment of the admin routes: the signed-in session, set by the guard. */
export interface AdminEnv {
  Variables: { session: AdminSession };
}
