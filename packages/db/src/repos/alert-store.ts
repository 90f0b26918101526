import type {
  AlertEvent,
  AlertState,
  AlertStore,
  Delivery,
  DeliveryAttempt,
  OutboxCommit,
  OutboxEntry,
} from '@cts/core/alerts';
import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { CtsDatabase } from '../database.ts';
import { alertAttempts } from '../schema/alert-attempts.ts';
import { alertDeliveries } from '../schema/alert-deliveries.ts';
import { alertLocks } from '../schema/alert-locks.ts';
import { alertOutbox } from '../schema/alert-outbox.ts';
import { alertStates } from '../schema/alert-states.ts';
import { LibsqlAlertChannels } from './alert-channels.ts';

type DeliveryRow = typeof alertDeliveries.$inferSelect;
type StateRow = typeof alertStates.$inferSelect;

function toDelivery(r: DeliveryRow): Delivery {
  return { ...r };
}

function toState(r: StateRow): AlertState {
  const { dueAt: _due, ...rest } = r;
  return rest;
}

function stateRow(s: AlertState): StateRow {
  return { ...s, dueAt: s.status === 'resolving' ? (s.resolveAt ?? 0) : s.nextReminderAt };
}

/**
 * The AlertStore over drizzle's SQLite API (libSQL and D1). Each commit is one `batch` (the outbox row deleted first:
 * when another dispatcher already consumed it, the rest of the batch is skipped by a guard on its existence);
 * deliveries are claimed by one UPDATE … RETURNING, so two dispatchers never take the same row.
 */
export class LibsqlAlertStore extends LibsqlAlertChannels implements AlertStore {
  constructor(db: CtsDatabase) {
    super(db);
  }

  async enqueue(events: AlertEvent[], now: number): Promise<void> {
    if (events.length === 0) return;
    await this.db.insert(alertOutbox).values(events.map((event) => ({ event, createdAt: now })));
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.db.select().from(alertOutbox).orderBy(asc(alertOutbox.seq)).limit(limit);
  }

  async commit(c: OutboxCommit): Promise<boolean> {
    const db = this.db;
    const writes = [];
    // A marker: the outbox row still exists (checked by every write below through this flag table-free guard).
    const stillThere =
      c.seq === null ? sql`1` : sql`EXISTS (SELECT 1 FROM alert_outbox WHERE seq = ${c.seq})`;
    if (c.fingerprint !== undefined && c.state !== undefined) {
      if (c.state === null)
        writes.push(
          db.delete(alertStates).where(and(eq(alertStates.fingerprint, c.fingerprint), stillThere)),
        );
      else {
        const row = stateRow(c.state);
        writes.push(
          db
            .insert(alertStates)
            .select(
              sql`SELECT ${row.fingerprint}, ${row.status}, ${JSON.stringify(row.event)}, ${row.since}, ${row.notifiedAt}, ${row.nextReminderAt}, ${row.resolveAt}, ${row.resolvedEvent ? JSON.stringify(row.resolvedEvent) : null}, ${JSON.stringify(row.channelIds)}, ${row.dueAt} WHERE ${stillThere}`,
            )
            .onConflictDoUpdate({
              target: alertStates.fingerprint,
              set: {
                status: sql`excluded.status`,
                event: sql`excluded.event`,
                since: sql`excluded.since`,
                notifiedAt: sql`excluded.notified_at`,
                nextReminderAt: sql`excluded.next_reminder_at`,
                resolveAt: sql`excluded.resolve_at`,
                resolvedEvent: sql`excluded.resolved_event`,
                channelIds: sql`excluded.channel_ids`,
                dueAt: sql`excluded.due_at`,
              },
            }),
        );
      }
    }
    if (c.deliveries.length > 0)
      writes.push(
        db
          .insert(alertDeliveries)
          .select(
            sql`SELECT json_extract(value, '$.id'), json_extract(value, '$.channelId'), json_extract(value, '$.kind'), json(json_extract(value, '$.event')), json_extract(value, '$.since'), 'pending', 0, json_extract(value, '$.nextAttemptAt'), NULL, NULL, NULL, json_extract(value, '$.createdAt'), NULL FROM json_each(${JSON.stringify(c.deliveries)}) WHERE ${stillThere}`,
          ),
      );
    const consume =
      c.seq === null
        ? null
        : db.delete(alertOutbox).where(eq(alertOutbox.seq, c.seq)).returning({ seq: alertOutbox.seq });
    if (consume) {
      const results = await db.batch([...writes, consume] as [typeof consume]);
      return (results[results.length - 1] as unknown[]).length > 0;
    }
    if (writes.length > 0) await db.batch(writes as [(typeof writes)[number]]);
    return true;
  }

  async getState(fingerprint: string): Promise<AlertState | null> {
    const rows = await this.db
      .select()
      .from(alertStates)
      .where(eq(alertStates.fingerprint, fingerprint))
      .limit(1);
    return rows[0] ? toState(rows[0]) : null;
  }

  async dueStates(now: number, limit: number): Promise<AlertState[]> {
    const rows = await this.db
      .select()
      .from(alertStates)
      .where(lte(alertStates.dueAt, now))
      .orderBy(asc(alertStates.dueAt))
      .limit(limit);
    return rows.map(toState);
  }

  async claimDeliveries(now: number, leaseMs: number, limit: number): Promise<Delivery[]> {
    const d = alertDeliveries;
    const due = this.db
      .select({ id: d.id })
      .from(d)
      .where(
        or(
          and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now)),
          and(eq(d.status, 'sending'), lte(d.claimedUntil, now)),
        ),
      )
      .orderBy(asc(d.nextAttemptAt))
      .limit(limit);
    const rows = await this.db
      .update(d)
      .set({ status: 'sending', claimedUntil: now + leaseMs })
      .where(inArray(d.id, due))
      .returning();
    return rows.map(toDelivery);
  }

  async recordAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    const db = this.db;
    const { id, ...fields } = delivery;
    await db.batch([
      db.update(alertDeliveries).set(fields).where(eq(alertDeliveries.id, id)),
      db.insert(alertAttempts).values(attempt),
    ]);
  }

  async listDeliveries(options: { limit?: number; channelId?: string } = {}): Promise<Delivery[]> {
    const rows = await this.db
      .select()
      .from(alertDeliveries)
      .where(options.channelId === undefined ? undefined : eq(alertDeliveries.channelId, options.channelId))
      .orderBy(desc(alertDeliveries.createdAt), desc(alertDeliveries.id))
      .limit(options.limit ?? 50);
    return rows.map(toDelivery);
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    const rows = await this.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, id)).limit(1);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.db
      .select()
      .from(alertAttempts)
      .where(eq(alertAttempts.deliveryId, deliveryId))
      .orderBy(asc(alertAttempts.attempt), asc(alertAttempts.id));
    return rows.map(({ id: _id, ...a }) => a);
  }

  async nextDueAt(): Promise<number | null> {
    const [row] = await this.db.all<{ next: number | null }>(sql`SELECT min(t) AS next FROM (
      SELECT min(next_attempt_at) AS t FROM alert_deliveries WHERE status = 'pending'
      UNION ALL SELECT min(claimed_until) FROM alert_deliveries WHERE status = 'sending'
      UNION ALL SELECT min(due_at) FROM alert_states)`);
    return row?.next ?? null;
  }

  async acquireLock(name: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const rows = await this.db
      .insert(alertLocks)
      .values({ name, holder, until: now + leaseMs })
      .onConflictDoUpdate({
        target: alertLocks.name,
        set: { holder, until: now + leaseMs },
        setWhere: or(lte(alertLocks.until, now), eq(alertLocks.holder, holder)),
      })
      .returning({ holder: alertLocks.holder });
    return rows.length > 0 && rows[0]!.holder === holder;
  }

  async releaseLock(name: string, holder: string): Promise<void> {
    await this.db.delete(alertLocks).where(and(eq(alertLocks.name, name), eq(alertLocks.holder, holder)));
  }

  async purge(before: number): Promise<number> {
    const db = this.db;
    const old = and(
      inArray(alertDeliveries.status, ['delivered', 'failed']),
      lte(alertDeliveries.createdAt, before - 1),
    );
    const [, deleted] = await db.batch([
      db
        .delete(alertAttempts)
        .where(
          inArray(
            alertAttempts.deliveryId,
            db.select({ id: alertDeliveries.id }).from(alertDeliveries).where(old),
          ),
        ),
      db.delete(alertDeliveries).where(old).returning({ id: alertDeliveries.id }),
    ]);
    return deleted.length;
  }
}
