/**
 * Our error codes. Exchange errors keep the exchange's own code in `exchangeCode` and map to one of these.
 * `retryable` says whether repeating the same request later can succeed.
 */
export const ERROR_CODES = {
  'auth.invalid_key': {
    retryable: false,
    hint: 'Check the API key: it may be mistyped, deleted, or from another account.',
  },
  'auth.invalid_signature': {
    retryable: false,
    hint: 'Check the API secret (and key type): the exchange could not verify the signature.',
  },
  'auth.timestamp': {
    retryable: true,
    hint: "The request's timestamp was outside the exchange's window: sync this machine's clock (NTP) or raise recvWindow.",
  },
  'auth.ip_not_allowed': {
    retryable: false,
    hint: "This machine's IP is not on the key's IP whitelist: add it on the exchange's API management page.",
  },
  'auth.permission': {
    retryable: false,
    hint: 'The key lacks a permission this call needs: enable it (reading at least) on the exchange.',
  },
  'auth.wrong_environment': {
    retryable: false,
    hint: 'The key belongs to another environment (mainnet, testnet or demo): switch is_testnet or use a key from this one.',
  },
  'auth.passphrase': {
    retryable: false,
    hint: 'The passphrase does not match the one set when the key was created.',
  },
  'auth.key_expired': {
    retryable: false,
    hint: 'The API key has expired: create a new one on the exchange.',
  },
  'auth.failed': {
    retryable: false,
    hint: 'The exchange rejected the credentials: check key, secret and passphrase.',
  },
  rate_limited: {
    retryable: true,
    hint: 'The exchange rate limit was reached: lower the request rate or wait for the window to pass.',
  },
  banned: {
    retryable: true,
    hint: 'The exchange banned this IP or account for a while after repeated limit hits: wait until the ban ends.',
  },
  timeout: { retryable: true, hint: 'The exchange did not answer in time: retry later or raise timeoutMs.' },
  network: { retryable: true, hint: 'The exchange could not be reached: check DNS, network and firewall.' },
  'exchange.unavailable': {
    retryable: true,
    hint: 'The exchange reported an internal error or maintenance: retry later.',
  },
  'exchange.bad_response': {
    retryable: true,
    hint: 'The exchange sent a reply we could not read: retry later.',
  },
  'exchange.redirect': {
    retryable: false,
    hint: 'The exchange answered with a redirect, which CTS never follows (it would re-send the key): check the base URL and region.',
  },
  exchange: { retryable: false, hint: 'The exchange rejected the request: see its code and message.' },
  'limiter.queue_full': {
    retryable: true,
    hint: 'Too many requests are waiting for this exchange: retry later or raise the queue bound.',
  },
  'limiter.max_wait': {
    retryable: true,
    hint: 'The request waited longer than allowed for a rate-limit slot: retry later or raise maxWaitMs.',
  },
  aborted: { retryable: false, hint: 'The request was cancelled.' },
  circuit_open: {
    retryable: true,
    hint: 'The connection is paused after repeated failures; it will be probed again after the cool-down.',
  },
  'vault.unreadable': {
    retryable: false,
    hint: 'Stored credentials could not be decrypted: configure the master key that sealed them (CTS_PREVIOUS_MASTER_KEYS after a rotation), or re-enter the credentials if the record was altered.',
  },
  internal: {
    retryable: false,
    hint: 'An unexpected error inside CTS (a bug, not the exchange): the log has its stack; please report it.',
  },
  not_supported: { retryable: false, hint: 'This exchange does not offer that operation for this API type.' },
} as const satisfies Record<string, { retryable: boolean; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** True for codes that mean the credentials themselves are wrong (no retry, go to Error). */
export function isAuthCode(code: ErrorCode): boolean {
  return code.startsWith('auth.') && code !== 'auth.timestamp';
}
