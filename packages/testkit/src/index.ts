/** @cts/testkit — ManualClock and contract suites shared by every implementation of a port. */
export * from './manual-clock.ts';
