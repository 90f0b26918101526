/** Exchange connectors: createConnector and the shared types. */
export * from './create-connector.ts';
export type * from './types.ts';
