/** The exchange catalog: ids, API types, the support matrix, environments and hosts. */
export * from './catalog.ts';
