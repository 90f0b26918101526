const encoder = new TextEncoder();

/**
 * Compares a presented secret with the configured one without leaking where they differ: both are hashed (SHA-256)
 * and the digests compared in full, so the time does not depend on the inputs' common prefix or length.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(given)),
    crypto.subtle.digest('SHA-256', encoder.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = given.length === 0 ? 1 : 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
