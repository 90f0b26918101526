import type { LimitFeedback, RequestGate } from '../limiter/gate.ts';

/** Passes every request to `inner` and hands each reply's limit feedback (429s, Retry-After, bans) to `onFeedback`. */
export function observingGate(
  inner: RequestGate,
  onFeedback: (feedback: LimitFeedback) => void,
): RequestGate {
  return {
    async acquire(request) {
      const permit = await inner.acquire(request);
      return {
        release(feedback) {
          if (feedback) onFeedback(feedback);
          permit.release(feedback);
        },
      };
    },
  };
}
