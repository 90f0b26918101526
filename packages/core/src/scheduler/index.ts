/** Scheduler: the port periodic work (health checks, purges) runs through, with timer and clock implementations. */
export * from './scheduler.ts';
