import type { ApiType, Environment, ExchangeId } from '@cts/core';
import { ENVIRONMENTS, isApiType, MARGIN_TYPES, POSITION_MODES } from '@cts/core';
import { fieldRules } from '../forms/field-rules.ts';
import { type FieldContext, selectField, textField } from './form-controls.ts';
import { apiTypeLabel } from './format.ts';
import { type Html, html } from './html.ts';

const KEY_TYPE_LABELS: Record<string, string> = { hmac: 'HMAC', rsa: 'RSA', ed25519: 'Ed25519' };
const ENVIRONMENT_LABELS: Record<Environment, string> = {
  mainnet: 'Mainnet',
  testnet: 'Testnet',
  demo: 'Demo trading',
};
const REGION_LABELS: Record<string, string> = {
  global: 'Global',
  eea: 'EEA',
  us: 'US',
  eu: 'EU',
  jp: 'Japan',
};

/**
 * The fields that follow the exchange: API types from the matrix, the passphrase for OKX only, margin type and
 * position mode for perpetual futures only, key type where the exchange accepts more than HMAC. Re-rendered by
 * htmx when the exchange or API type changes (GET: only these non-secret values travel).
 */
export function exchangeFields(
  base: string,
  exchange: ExchangeId,
  ctx: FieldContext,
  editing: boolean,
): Html {
  const apiType: ApiType | undefined = isApiType(ctx.values['api_type']) ? ctx.values['api_type'] : undefined;
  const given = ctx.values['environment'];
  const environment = (ENVIRONMENTS as readonly string[]).includes(given ?? '')
    ? (given as Environment)
    : undefined;
  const rules = fieldRules(exchange, apiType, environment);
  const refresh = html`hx-get="${base}/connections/fields" hx-target="#exchange-fields" hx-swap="outerHTML"
  hx-include="#f-exchange, #f-api_type, #f-margin_type, #f-position_mode, #f-key_type, #f-environment, #f-region, #f-editing" hx-trigger="change"`;
  return html`<div id="exchange-fields">
${
  rules.environments.length > 1
    ? selectField(
        'environment',
        'Environment',
        ctx,
        rules.environments.map((e) => [e, ENVIRONMENT_LABELS[e]]),
        refresh,
      )
    : ''
}
${
  rules.regions.length > 1
    ? selectField(
        'region',
        'Region',
        ctx,
        rules.regions.map((r) => [r, REGION_LABELS[r] ?? r.toUpperCase()]),
      )
    : ''
}
${selectField(
  'api_type',
  'API type',
  ctx,
  rules.apiTypes.map((t) => [t, apiTypeLabel(t)]),
  refresh,
  'Choose…',
)}
${
  rules.keyTypes.length > 1
    ? selectField(
        'key_type',
        'Key type',
        ctx,
        rules.keyTypes.map((k) => [k, KEY_TYPE_LABELS[k] ?? k]),
      )
    : ''
}
${
  rules.passphrase
    ? textField('api_passphrase', 'API passphrase', ctx, {
        type: 'password',
        required: !editing,
        help: editing
          ? 'Leave empty to keep the current passphrase.'
          : 'Set when the key was created on OKX.',
        autocomplete: 'new-password',
      })
    : ''
}
${
  rules.futures
    ? html`${selectField(
        'margin_type',
        'Margin type',
        ctx,
        MARGIN_TYPES.map((m) => [m, m === 'cross' ? 'Cross' : 'Isolated']),
        '',
        'Exchange default',
      )}${selectField(
        'position_mode',
        'Position mode',
        ctx,
        POSITION_MODES.map((m) => [m, m === 'hedge' ? 'Hedge' : 'One-way']),
        '',
        'Exchange default',
      )}`
    : ''
}
</div>`;
}
