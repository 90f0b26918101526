import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Admin sign-in sessions (core's SessionStore): a cookie is honoured while its row is live. Times in epoch ms. */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    id: text('id').primaryKey(),
    sub: text('sub').notNull(),
    role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
    method: text('method', { enum: ['token', 'password'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('admin_sessions_sub_idx').on(t.sub), index('admin_sessions_expires_idx').on(t.expiresAt)],
);
