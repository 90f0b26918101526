import type {
  ConnectionFilter,
  ConnectionRecord,
  MarginType,
  PositionMode,
} from '../connections/connection.ts';
import type { ConnectionState } from '../connections/state-machine.ts';
import type { Balance, Permissions, TestResult } from '../connectors/types.ts';
import type { KeyType } from '../crypto/asymmetric.ts';
import type { ApiType, Environment, ExchangeId, Region } from '../exchanges/catalog.ts';
import type { KeyAudit } from '../keys/key-audit.ts';
import type { BatchJob, BatchTaskResult, TaskType } from '../storage/ports.ts';

/** POST /api/settings/connections body, as the seed names it. */
export interface CreateConnectionInput {
  name: string;
  exchange: ExchangeId;
  api_type: ApiType;
  api_key: string;
  api_secret: string;
  api_passphrase?: string;
  key_type?: KeyType;
  margin_type?: MarginType | null;
  position_mode?: PositionMode | null;
  is_testnet?: boolean;
  /** mainnet, testnet or demo, where the exchange has it. @default from is_testnet, else mainnet */
  environment?: Environment;
  /** Where the exchange has several (OKX, Bybit). @default 'global' */
  region?: Region | null;
  /** Create disabled (no test) instead of enabled-and-tested. @default true */
  enabled?: boolean;
}

/** PATCH body: any subset; `version` makes the write conditional (stale → 409). */
export interface UpdateConnectionInput {
  name?: string;
  api_type?: ApiType;
  api_key?: string;
  api_secret?: string;
  api_passphrase?: string;
  key_type?: KeyType;
  margin_type?: MarginType | null;
  position_mode?: PositionMode | null;
  is_testnet?: boolean;
  environment?: Environment;
  region?: Region | null;
  version?: number;
}

/** Operator actions on the state machine. */
export type ConnectionAction = 'enable' | 'disable' | 'pause' | 'resume';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** The seed's per-connection health metrics, and ours beside them. */
/** An exchange's maintenance window as health shows it. */
export interface MaintenanceView {
  exchange: ExchangeId;
  /** ISO end of the window, when announced. */
  until: string | null;
  message: string;
}

export interface ConnectionHealth {
  connectionId: string;
  name: string;
  exchange: ExchangeId;
  apiType: ApiType;
  state: ConnectionState;
  /** ISO time of the last check, or null. */
  lastCheckTime: string | null;
  /** Average response time over the window, ms. */
  responseTime: number | null;
  p95ResponseTime: number | null;
  /** Consecutive errors. */
  errorCount: number;
  /** Consecutive successes. */
  successCount: number;
  /** Success percentage over the uptime window (24 h by default), 0..100. */
  uptime: number;
  /** Successes / all samples in the window, 0..100. */
  successRate: number;
  totalRequests: number;
  /** Usage of the tightest rate-limit window of this connection's account, 0..100. */
  rateLimitUsage: number;
  clockOffsetMs: number | null;
  /** The effective key expiry (the key audit's `expires_at`, else what the exchange last reported). */
  keyExpiresAt: string | null;
  /** The key's lifecycle audit (the connection's `key_audit`). */
  keyAudit: KeyAudit | null;
  /** The exchange's announced maintenance window covering now, or null. */
  maintenance: MaintenanceView | null;
  breaker: { state: BreakerState; openedAt: string | null; nextProbeAt: string | null };
  healthy: boolean;
}

/** GET /api/settings/connections/health summary, shaped as the seed. */
export interface HealthSummary {
  totalConnections: number;
  activeConnections: number;
  healthyConnections: number;
  errorConnections: number;
  /** Two decimals, as a string: "99.80". */
  averageUptime: string;
  totalRequests: number;
  /** Number with two decimals: 98.5. */
  successRate: number;
}

export interface HealthReport {
  timestamp: string;
  summary: HealthSummary;
  connections: ConnectionHealth[];
}

/** GET /api/system/status, shaped as the seed. */
export interface SystemStatus {
  status: 'healthy' | 'degraded' | 'unhealthy';
  connections: { total: number; active: number; byExchange: Partial<Record<ExchangeId, number>> };
  health: { healthy: number; unhealthy: number; averageUptime: string };
  metrics: { totalRequests: number; successRate: string; averageResponseTime: string };
  batch: { queueLength: number; activeTasks: number; completedTasks: number };
  features: {
    rateLimiting: 'enabled' | 'disabled';
    batchProcessing: 'enabled' | 'disabled';
    healthMonitoring: 'enabled' | 'disabled';
  };
}

/** A finished batch test, shaped as the seed's batch-test reply. */
export interface BatchSummary {
  /** The batch ran to the end (true even when some connections failed, as in the seed); false if interrupted. */
  success: boolean;
  batchId: string;
  totalConnections: number;
  successful: number;
  failed: number;
  duration: number;
  results: Record<
    string,
    { success: boolean; balance?: number; error?: string; code?: string; hint?: string }
  >;
}

/** Progress events a UI can stream (SSE). */
export type BatchProgressEvent =
  | { type: 'task'; batchId: string; task: BatchTaskResult; done: number; total: number }
  | { type: 'done'; batchId: string; summary: BatchSummary };

export interface BatchStatusView {
  job: BatchJob;
  tasks: BatchTaskResult[];
  done: number;
  total: number;
}

/**
 * The coordinator: the one entry point the API, the admin UI and the hosts use. Methods keep the seed's names.
 * Unknown ids throw NotFoundError; bad input ValidationError; invalid transitions InvalidTransitionError; stale
 * versions VersionConflictError.
 */
export interface Coordinator {
  getAllConnections(): Promise<ConnectionRecord[]>;
  getConnectionsByExchange(exchange: ExchangeId): Promise<ConnectionRecord[]>;
  getConnectionsByApiType(apiType: ApiType): Promise<ConnectionRecord[]>;
  listConnections(filter?: ConnectionFilter): Promise<ConnectionRecord[]>;
  getConnection(id: string): Promise<ConnectionRecord>;
  createConnection(input: CreateConnectionInput): Promise<ConnectionRecord>;
  updateConnection(id: string, input: UpdateConnectionInput): Promise<ConnectionRecord>;
  deleteConnection(id: string): Promise<void>;
  applyAction(id: string, action: ConnectionAction, expectedVersion?: number): Promise<ConnectionRecord>;
  /**
   * Runs a test now (through the limiter and breaker), records it, moves the state. `onStep` receives each step
   * line of the test's log as it happens (nothing when the breaker refuses the test).
   */
  testConnection(
    id: string,
    options?: { signal?: AbortSignal; onStep?: (line: string) => void },
  ): Promise<TestResult>;
  /** Runs a batch to completion (the seed's batch-test). */
  testConnections(
    ids: string[],
    options?: { testType?: TaskType | 'all'; priority?: number },
  ): Promise<BatchSummary>;
  /** Enqueues a batch and returns at once; follow it with getBatch / onBatchProgress. */
  startBatch(ids: string[], options?: { type?: TaskType; priority?: number }): Promise<BatchJob>;
  getBatch(id: string): Promise<BatchStatusView>;
  /** Subscribes to a batch's progress; returns the unsubscribe function. */
  onBatchProgress(batchId: string, listener: (event: BatchProgressEvent) => void): () => void;
  getBalance(id: string): Promise<Balance>;
  getPermissions(id: string): Promise<Permissions>;
  getConnectionHealth(id: string): Promise<ConnectionHealth>;
  getHealth(filter?: { id?: string; exchange?: ExchangeId; apiType?: ApiType }): Promise<HealthReport>;
  getSystemStatus(): Promise<SystemStatus>;
  /** The batch queue's counters alone (cheap: no health computation), for metrics scrapes. */
  queueStatus?(): SystemStatus['batch'];
  /** Starts periodic health checks and hourly purges (through the injected scheduler). */
  start(): void;
  /** Stops taking work, lets running tasks finish (or parks them as interrupted after `graceMs`). */
  stop(options?: { graceMs?: number }): Promise<void>;
}
