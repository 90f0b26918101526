import { batchFailed } from '../alerts/events.ts';
import type { BatchProcessor } from '../batch/batch-processor.ts';
import type { BatchJob } from '../storage/ports.ts';
import type { ResolvedCoordinatorOptions } from './options.ts';

/** When a batch someone asked for ends with failures, raises batch.failed (once it ends; never for health rounds). */
export function alertOnBatchFailures(
  o: ResolvedCoordinatorOptions,
  processor: BatchProcessor,
  job: BatchJob,
): void {
  const store = o.storage.alerts;
  if (!store || !o.alerts) return;
  processor
    .wait(job.id)
    .then(async (summary) => {
      if (summary.failed === 0) return;
      const now = o.clock.now();
      const batch = { id: job.id, type: job.type, total: summary.totalConnections, failed: summary.failed };
      await store.enqueue([batchFailed(batch, now)], now);
      o.onAlertsQueued();
    })
    .catch(() => {}); // stopped before it ended: it resumes on the next start, and is waited on then
}
