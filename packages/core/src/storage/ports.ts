import type { AlertEvent } from '../alerts/alert-event.ts';
import type { AlertStore } from '../alerts/alert-store.ts';
import type { ConnectionFilter, ConnectionRecord } from '../connections/connection.ts';
import type { TestResult } from '../connectors/types.ts';
import type { Region } from '../exchanges/ids.ts';
import type { EncryptedBlob } from './encrypted-blob.ts';
import type { SessionStore } from './session-store.ts';

/** Thrown by repositories when an update carries a stale `version` (→ HTTP 409). */
export class VersionConflictError extends Error {
  readonly id: string;
  readonly expected: number;
  readonly actual: number;
  constructor(id: string, expected: number, actual: number) {
    super(
      `connection ${id} was changed by someone else (version ${actual}, expected ${expected}): reload and retry`,
    );
    this.name = 'VersionConflictError';
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The writable fields of a connection (everything but id, derived flags, timestamps and version). */
export type ConnectionWrite = Omit<
  ConnectionRecord,
  'id' | 'is_enabled' | 'is_active' | 'created_at' | 'updated_at' | 'version' | 'region'
> & {
  /** @default null (the exchange's only region) */
  region?: Region | null;
};

/** Connections and their encrypted credentials. Writes are atomic: a record never exists without its credentials. */
export interface ConnectionRepo {
  create(
    id: string,
    fields: ConnectionWrite,
    credentials: EncryptedBlob,
    now: number,
  ): Promise<ConnectionRecord>;
  get(id: string): Promise<ConnectionRecord | null>;
  /** Ordered by created_at, then id. */
  list(filter?: ConnectionFilter): Promise<ConnectionRecord[]>;
  /**
   * Applies `patch` (and `credentials` when given) if the stored version equals `expectedVersion` (when given);
   * bumps the version. Throws VersionConflictError on a stale version; returns null for an unknown id.
   * `outbox`: alert events appended to the alert outbox in the same atomic write (only if the update applies).
   */
  update(
    id: string,
    patch: Partial<ConnectionWrite>,
    options: { now: number; expectedVersion?: number; credentials?: EncryptedBlob; outbox?: AlertEvent[] },
  ): Promise<ConnectionRecord | null>;
  /** Deletes the connection with its credentials, test results and health samples. False for an unknown id. */
  delete(id: string): Promise<boolean>;
  getCredentials(id: string): Promise<EncryptedBlob | null>;
  /** Every connection id with its blob, for key rotation. */
  listCredentials(): Promise<Array<{ id: string; credentials: EncryptedBlob }>>;
  /**
   * Replaces a blob (key rotation) without touching the version. With `expected`, only while the stored blob still
   * equals it (compare-and-swap: a credentials update that landed since it was read is kept). True when replaced;
   * false for an unknown id or a blob that changed.
   */
  replaceCredentials(id: string, credentials: EncryptedBlob, expected?: EncryptedBlob): Promise<boolean>;
}

export interface StoredTestResult {
  id: string;
  connectionId: string;
  startedAt: number;
  result: TestResult;
}

export interface TestResultRepo {
  add(entry: StoredTestResult): Promise<void>;
  /** Newest first. */
  listByConnection(connectionId: string, limit: number): Promise<StoredTestResult[]>;
  deleteOlderThan(before: number): Promise<number>;
}

/** One health observation: a test, a health check or a batch task's outcome. */
export interface HealthSample {
  connectionId: string;
  at: number;
  success: boolean;
  responseTimeMs: number;
  errorCode?: string | null;
}

export interface HealthSampleRepo {
  add(sample: HealthSample): Promise<void>;
  /** Samples at or after `since`, oldest first. */
  listSince(connectionId: string, since: number): Promise<HealthSample[]>;
  deleteOlderThan(before: number): Promise<number>;
}

export const BATCH_STATUSES = ['queued', 'running', 'completed', 'interrupted', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const TASK_TYPES = ['test', 'balance', 'capabilities', 'health'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'interrupted',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface BatchJob {
  id: string;
  type: TaskType;
  status: BatchStatus;
  priority: number;
  connectionIds: string[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Results are purged after this (created + TTL, 1 hour by default). */
  expiresAt: number;
}

export interface BatchTaskResult {
  batchId: string;
  connectionId: string;
  status: TaskStatus;
  startedAt: number | null;
  finishedAt: number | null;
  /** The task's outcome (a TestResult for 'test', a Balance for 'balance', …); null until it ends. */
  result: unknown;
  error: { code: string; message: string; hint?: string } | null;
}

export interface BatchRepo {
  /** Creates the job and one queued task row per connection, atomically. */
  create(job: BatchJob): Promise<void>;
  get(id: string): Promise<BatchJob | null>;
  list(options?: { limit?: number }): Promise<BatchJob[]>;
  setStatus(id: string, status: BatchStatus, at: number): Promise<void>;
  /** Writes one task's final state (a single-row write: never half-written). */
  saveTask(task: BatchTaskResult): Promise<void>;
  tasks(batchId: string): Promise<BatchTaskResult[]>;
  /** Jobs left queued or running by a process that died: for the next start to mark interrupted or resume. */
  unfinished(): Promise<BatchJob[]>;
  /** Deletes jobs (and their tasks) whose expiresAt has passed. Returns the number deleted. */
  purgeExpired(now: number): Promise<number>;
}

/** Everything the coordinator and the API persist. */
export interface Storage {
  connections: ConnectionRepo;
  testResults: TestResultRepo;
  healthSamples: HealthSampleRepo;
  batches: BatchRepo;
  /** Alert channels, outbox and deliveries. Optional: storage without it raises no alerts. */
  alerts?: AlertStore;
  /** Admin sign-in sessions (listed, revoked). Optional: the admin keeps them in memory without it. */
  sessions?: SessionStore;
}
