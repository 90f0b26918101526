/** Errors: the CtsError base and our error codes with their hints. */
export * from './codes.ts';
export * from './cts-error.ts';
export * from './domain.ts';
