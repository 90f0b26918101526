/**
 * What a credential may hold. A credential goes into headers, query strings and signatures; a control character
 * there makes the HTTP client refuse the request and quote the whole value in its error.
 */

/** The rule's wording, the same in core, the API and the admin form. */
export const CONTROL_CHARACTERS_RULE = 'must not contain control characters';

/** No C0 control character and no DEL (API keys, passphrases, HMAC secrets). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it refuses
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** The same, but line breaks and tabs allowed: a PEM private key (RSA, Ed25519). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it refuses
export const NO_CONTROL_BUT_LINE_BREAKS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
