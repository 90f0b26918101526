import { EXCHANGES } from '@cts/core/exchanges';
import { z } from 'zod';

const latencySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), ms: z.number().nonnegative() }),
  z.object({ type: z.literal('uniform'), minMs: z.number().nonnegative(), maxMs: z.number().nonnegative() }),
  /** Long tail: median × e^(sigma·N(0,1)). */
  z.object({ type: z.literal('lognormal'), medianMs: z.number().positive(), sigma: z.number().positive() }),
  /** Heavy tail: scaleMs / U^(1/alpha). */
  z.object({ type: z.literal('pareto'), scaleMs: z.number().positive(), alpha: z.number().positive() }),
]);

/** Which requests a rule applies to, and how often. */
const scope = {
  /** Only this exchange. @default every exchange */
  exchange: z.enum(EXCHANGES).optional(),
  /** Only this account (its non-secret id from createAccount). @default every caller */
  keyId: z.string().min(1).optional(),
  /** Probability per matching request, drawn from the seeded PRNG. @default 1 */
  rate: z.number().min(0).max(1).default(1),
  /** Applies to at most this many requests, then is spent. @default unlimited */
  count: z.number().int().positive().optional(),
};

export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('latency'),
    ...scope,
    latency: latencySchema,
    /** Upper bound on one delay. @default 60000 */
    capMs: z.number().positive().default(60_000),
  }),
  /** An HTTP 5xx with a plain body. */
  z.object({ kind: z.literal('error'), ...scope, status: z.number().int().min(500).max(599).default(503) }),
  /** No answer until the client aborts, or `ms` passes (then 504). */
  z.object({ kind: z.literal('hang'), ...scope, ms: z.number().positive().max(600_000).default(60_000) }),
  /** Connection reset: in-process fetch rejects with TypeError; the server destroys the socket. */
  z.object({ kind: z.literal('reset'), ...scope }),
  /** A 200 whose body is cut in half (not valid JSON). */
  z.object({ kind: z.literal('malformed'), ...scope }),
  /** The exchange's maintenance reply, within [fromMs, untilMs) on the simulator clock when given. */
  z.object({
    kind: z.literal('maintenance'),
    ...scope,
    fromMs: z.number().int().optional(),
    untilMs: z.number().int().optional(),
  }),
  /** The simulator's clock runs `ms` ahead (negative: behind) for matching requests. */
  z.object({ kind: z.literal('skew'), ...scope, ms: z.number().int() }),
]);

export type FaultRule = z.output<typeof faultRuleSchema>;

export const faultsInputSchema = z.object({
  /** PRNG seed; the same seed and request sequence give the same faults. @default 1 */
  seed: z.number().int().default(1),
  /** Replaces the current rules. */
  faults: z.array(faultRuleSchema).max(100),
});

export type FaultsInput = z.input<typeof faultsInputSchema>;
