/** The form's own labels for the API field names that exchange hints mention. */
const LABELS: Array<[RegExp, string]> = [
  // The form picks the environment and region with two selects (no testnet checkbox).
  [/\bis_testnet\b/g, '“Environment”'],
  [/\bset environment (\w+)/g, 'set “Environment” to $1'],
  [/\bset region (\w+)/g, 'set “Region” to $1'],
  [/\bset region\b/g, 'set “Region”'],
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
 * add/edit form ("“Environment”"), so the hint points at something on screen.
 */
export function hintForForm(hint: string): string {
  let out = hint;
  for (const [pattern, label] of LABELS) out = out.replace(pattern, label);
  return out;
}
