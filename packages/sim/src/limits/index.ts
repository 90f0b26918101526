/** Rate limits: exact sliding windows, ban policies, and the seed's table as an alternative profile. */
export * from './rate-limiter.ts';
export * from './rules.ts';
export * from './seed-profile.ts';
export * from './sliding-window.ts';
