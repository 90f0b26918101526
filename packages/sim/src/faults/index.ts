/** Faults: latency, 5xx, hangs, resets, malformed JSON, maintenance and clock skew, from a seeded PRNG. */
export * from './fault-injector.ts';
export * from './fault-rules.ts';
export * from './prng.ts';
