/** The shape of the global `fetch`; inject a simulator's or a test's instead. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** The runtime's own fetch, looked up at call time so test doubles installed later are seen. */
export const globalFetch: FetchLike = (input, init) => fetch(input, init);
