/** Structured logging. Fields must never carry secrets; `redact` helps when in doubt. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const noopLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const SECRET_KEY = /(secret|passphrase|password|token|signature|sign$|apikey|api_key|authorization|master)/i;

/** Deep-copies `value`, replacing every field whose name looks secret with "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** One JSON object per line on the console, with secret-looking fields redacted. */
export function createJsonLogger(
  options: { level?: 'debug' | 'info' | 'warn' | 'error'; bindings?: Record<string, unknown> } = {},
): Logger {
  const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
  const min = order[options.level ?? 'info'];
  const emit = (level: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      msg: message,
      ...(redact({ ...options.bindings, ...fields }) as object),
    });
    if (level === 'error' || level === 'warn') console.error(line);
    else console.log(line);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
