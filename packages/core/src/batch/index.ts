/** Batch processor: priority queues per exchange lane, bounded concurrency, 1-hour results, progress events. */
export * from './batch-processor.ts';
export * from './priority-queue.ts';
export type * from './types.ts';
