/** Connections: the stored record, masking, filters and the seed's state machine. */
export * from './connection.ts';
export * from './credential-text.ts';
export * from './state-machine.ts';
