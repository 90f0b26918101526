/** Rate limiter: the request gate contract (and, as it lands, the limiter itself). */
export * from './gate.ts';
