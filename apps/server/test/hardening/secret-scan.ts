/** Looks for secrets in everything a person or a log can read; reports where, never the secret itself. */
export interface Leak {
  /** Which secret (its label, e.g. "okx api_secret"). */
  secret: string;
  /** Where it was found (e.g. "replies", "database file", "log"). */
  where: string;
}

export function scanForSecrets(secrets: Record<string, string>, haystacks: Record<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const [label, value] of Object.entries(secrets)) {
    if (value.length < 8) throw new TypeError(`${label}: too short to scan for reliably`);
    // The value itself, and its visible part when a control character splits it (a runtime may drop it).
    const parts = [
      value,
      ...[...value]
        .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '\n' : c))
        .join('')
        .split('\n')
        .filter((p) => p.length >= 8 && p !== value),
    ];
    for (const [where, text] of Object.entries(haystacks))
      if (parts.some((p) => text.includes(p))) leaks.push({ secret: label, where });
  }
  return leaks;
}
