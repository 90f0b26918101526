import type { ConnectionRecord } from '../connections/connection.ts';
import { ALERT_EVENT_TYPES, type AlertEvent, type AlertEventType, type Severity } from './alert-event.ts';

/** The connection an event is about. */
export type Subject = Pick<ConnectionRecord, 'id' | 'name' | 'exchange'>;

/** The connection fields every connection event carries. */
export function subjectOf(c: Subject): Pick<AlertEvent, 'exchange' | 'connectionId' | 'connectionName'> {
  return { exchange: c.exchange, connectionId: c.id, connectionName: c.name };
}

/** An event of `type`: firing unless `resolved`, with the type's default severity unless one is given. */
export function event(
  type: AlertEventType,
  fields: Omit<AlertEvent, 'type' | 'severity' | 'status'> & { severity?: Severity; resolved?: boolean },
): AlertEvent {
  const { resolved, severity, ...rest } = fields;
  return {
    type,
    status: resolved ? 'resolved' : 'firing',
    severity: severity ?? ALERT_EVENT_TYPES[type].severity,
    ...rest,
  };
}

/** How a connection is named in titles: `name (exchange)`. */
export const who = (c: Subject) => `${c.name} (${c.exchange})`;
