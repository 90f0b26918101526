import type { AlertEvent } from '../../alerts/alert-event.ts';
import {
  type ConnectionFilter,
  type ConnectionRecord,
  compareConnectionsByCreation,
  matchesConnectionFilter,
  pageConnections,
} from '../../connections/connection.ts';
import type { EncryptedBlob } from '../encrypted-blob.ts';
import { type ConnectionRepo, type ConnectionWrite, VersionConflictError } from '../ports.ts';

interface Row {
  record: ConnectionRecord;
  credentials: EncryptedBlob;
}

function derive(record: ConnectionRecord): ConnectionRecord {
  record.is_enabled = record.state !== 'disabled';
  record.is_active = record.state === 'active';
  return record;
}

/** Connections in a Map; returns copies so callers never share stored objects. */
export class MemoryConnectionRepo implements ConnectionRepo {
  readonly #rows = new Map<string, Row>();
  readonly #onDelete: (id: string) => void;
  readonly #onOutbox: (events: AlertEvent[], now: number) => void;

  /**
   * `onDelete` cascades a deletion to the other repositories (test results, health samples); `onOutbox` receives an
   * update's alert events in the same synchronous step as the update.
   */
  constructor(
    options: {
      onDelete?: (id: string) => void;
      onOutbox?: (events: AlertEvent[], now: number) => void;
    } = {},
  ) {
    this.#onDelete = options.onDelete ?? (() => {});
    this.#onOutbox = options.onOutbox ?? (() => {});
  }

  async create(
    id: string,
    fields: ConnectionWrite,
    credentials: EncryptedBlob,
    now: number,
  ): Promise<ConnectionRecord> {
    if (this.#rows.has(id)) throw new Error(`connection ${id} already exists`);
    const record = derive({
      ...structuredClone(fields),
      region: fields.region ?? null,
      id,
      is_enabled: false,
      is_active: false,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    this.#rows.set(id, { record, credentials: { ...credentials } });
    return structuredClone(record);
  }

  async get(id: string): Promise<ConnectionRecord | null> {
    const row = this.#rows.get(id);
    return row ? structuredClone(row.record) : null;
  }

  async list(filter: ConnectionFilter = {}): Promise<ConnectionRecord[]> {
    const out: ConnectionRecord[] = [];
    for (const row of this.#rows.values())
      if (matchesConnectionFilter(row.record, filter)) out.push(row.record);
    return pageConnections(out.sort(compareConnectionsByCreation), filter).map((r) => structuredClone(r));
  }

  async update(
    id: string,
    patch: Partial<ConnectionWrite>,
    options: { now: number; expectedVersion?: number; credentials?: EncryptedBlob; outbox?: AlertEvent[] },
  ): Promise<ConnectionRecord | null> {
    const row = this.#rows.get(id);
    if (!row) return null;
    if (options.expectedVersion !== undefined && options.expectedVersion !== row.record.version)
      throw new VersionConflictError(id, options.expectedVersion, row.record.version);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    row.record = derive({
      ...row.record,
      ...structuredClone(clean),
      id,
      created_at: row.record.created_at,
      updated_at: options.now,
      version: row.record.version + 1,
    });
    if (options.credentials) row.credentials = { ...options.credentials };
    if (options.outbox?.length) this.#onOutbox(options.outbox, options.now);
    return structuredClone(row.record);
  }

  async delete(id: string): Promise<boolean> {
    const existed = this.#rows.delete(id);
    if (existed) this.#onDelete(id);
    return existed;
  }

  async getCredentials(id: string): Promise<EncryptedBlob | null> {
    const row = this.#rows.get(id);
    return row ? { ...row.credentials } : null;
  }

  async listCredentials(): Promise<Array<{ id: string; credentials: EncryptedBlob }>> {
    return [...this.#rows].map(([id, row]) => ({ id, credentials: { ...row.credentials } }));
  }

  async replaceCredentials(
    id: string,
    credentials: EncryptedBlob,
    expected?: EncryptedBlob,
  ): Promise<boolean> {
    const row = this.#rows.get(id);
    if (!row) return false;
    const stored = row.credentials;
    if (
      expected &&
      (stored.keyId !== expected.keyId ||
        stored.iv !== expected.iv ||
        stored.ciphertext !== expected.ciphertext)
    )
      return false;
    row.credentials = { ...credentials };
    return true;
  }
}
