import { keyAuditAlerts } from '../alerts/key-audit-alerts.ts';
import type { ConnectionRecord } from '../connections/connection.ts';
import type { Permissions } from '../connectors/types.ts';
import { auditKey, type KeyAudit, reevaluateKeyAudit } from '../keys/key-audit.ts';
import { keyAuditEvents } from '../keys/key-events.ts';
import type { KeyedLock } from './keyed-lock.ts';
import type { ResolvedCoordinatorOptions } from './options.ts';

/** The key audit of what a connection's exchange just reported about its key. */
export function auditConnectionKey(
  o: ResolvedCoordinatorOptions,
  record: ConnectionRecord,
  permissions: Permissions,
): KeyAudit {
  return auditKey({
    exchange: record.exchange,
    permissions,
    now: o.clock.now(),
    egressIps: o.egressIps,
  });
}

/** Raises the lifecycle events `next` reports against the connection's stored audit. */
export function emitKeyEvents(
  o: ResolvedCoordinatorOptions,
  record: ConnectionRecord,
  previous: KeyAudit | null,
  next: KeyAudit,
): void {
  const at = o.clock.now();
  for (const e of keyAuditEvents(previous, next))
    o.onLifecycleEvent({
      type: e.type,
      at,
      connectionId: record.id,
      connectionName: record.name,
      exchange: record.exchange,
      ...(e.days === undefined ? {} : { days: e.days }),
      message: next.hint ?? e.type,
      audit: next,
    });
}

const sameAudit = (a: KeyAudit, b: KeyAudit): boolean =>
  a.days_to_expiry === b.days_to_expiry && a.hint === b.hint && a.flags.join() === b.flags.join();

/**
 * Re-evaluates every stored key audit against the clock and the configured egress IPs, without calling any
 * exchange: writes the audits that changed (days to expiry, tiers, expired) with their alerts in the same write, and
 * raises their lifecycle events.
 * Returns how many were rewritten.
 */
export async function reevaluateKeyAudits(o: ResolvedCoordinatorOptions, lock: KeyedLock): Promise<number> {
  let changed = 0;
  for (const listed of await o.storage.connections.list()) {
    if (!listed.key_audit) continue;
    const written = await lock.run(listed.id, async () => {
      const record = await o.storage.connections.get(listed.id);
      if (!record?.key_audit) return null;
      const next = reevaluateKeyAudit(record.key_audit, o.clock.now(), o.egressIps, record.exchange);
      if (sameAudit(record.key_audit, next)) return null;
      const now = o.clock.now();
      // The alerts the change raises (a new expiry stage, expired, a flag set or cleared) go in the same write.
      const outbox = o.alerts ? keyAuditAlerts(record, record.key_audit, next, now) : [];
      const updated = await o.storage.connections.update(
        record.id,
        { key_audit: next },
        { now, expectedVersion: record.version, outbox },
      );
      return updated ? { updated, previous: record.key_audit, next, queued: outbox.length > 0 } : null;
    });
    if (!written) continue;
    changed++;
    if (written.queued) o.onAlertsQueued();
    emitKeyEvents(o, written.updated, written.previous, written.next);
  }
  return changed;
}
