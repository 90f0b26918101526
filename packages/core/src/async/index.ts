/** Async helpers on Web-standard primitives (AbortSignal). */
export * from './abortable.ts';
