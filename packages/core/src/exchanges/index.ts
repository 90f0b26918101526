/** The exchange descriptors and what is read from them: ids, API types, the matrix, environments, regions, hosts. */
export * from './catalog.ts';
export type * from './descriptor.ts';
export * from './hosts.ts';
