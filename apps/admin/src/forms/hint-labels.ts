/** The form's own labels for the API field names that exchange hints mention. */
const LABELS: Array<[RegExp, string]> = [
  [/\bis_testnet\b/g, '“Testnet / demo account”'],
  [/\bapi_passphrase\b/g, '“API passphrase”'],
  [/\bapi_secret\b/g, '“API secret”'],
  [/\bapi_key\b/g, '“API key”'],
  [/\bkey_type\b/g, '“Key type”'],
  [/\bapi_type\b/g, '“API type”'],
  [/\bmargin_type\b/g, '“Margin type”'],
  [/\bposition_mode\b/g, '“Position mode”'],
];

/**
 * A hint as a person reads it in the admin: API field names (`is_testnet`, `api_secret`…) become the labels of the
 * add/edit form ("“Testnet / demo account”"), so the hint points at something on screen.
 */
export function hintForForm(hint: string): string {
  let out = hint;
  for (const [pattern, label] of LABELS) out = out.replace(pattern, label);
  return out;
}
