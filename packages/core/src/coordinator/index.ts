/** The connection coordinator: its contract and the implementation. */
export * from './connection-coordinator.ts';
export type { DueOptions } from './due-checks.ts';
export * from './options.ts';
export * from './outcome-policy.ts';
export type * from './recovery.ts';
export type * from './types.ts';
export * from './validate-input.ts';
export * from './validate-placement.ts';
