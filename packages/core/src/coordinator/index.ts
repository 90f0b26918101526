/** The connection coordinator: its contract (and, as it lands, the implementation). */
export type * from './types.ts';
