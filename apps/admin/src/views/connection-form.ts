import type { ConnectionRecord, ExchangeId } from '@cts/core';
import { EXCHANGE_NAMES, EXCHANGES, isExchangeId } from '@cts/core';
import { exchangeFields } from './exchange-fields.ts';
import { checkField, type FieldContext, selectField, textField } from './form-controls.ts';
import { type Html, html } from './html.ts';

export interface ConnectionFormProps extends FieldContext {
  base: string;
  csrf: string;
  /** The connection being edited; absent when adding. */
  record?: ConnectionRecord;
  /** An error not tied to one field (a conflict, the coordinator's refusal). */
  formError?: string;
}

/** The add/edit form. Posted by htmx; a 422 re-renders it in place with the schema's messages beside each field. */
export function connectionForm(p: ConnectionFormProps): Html {
  const editing = p.record !== undefined;
  const action = editing
    ? `${p.base}/connections/${encodeURIComponent(p.record!.id)}`
    : `${p.base}/connections`;
  const exchange: ExchangeId =
    p.record?.exchange ?? (isExchangeId(p.values['exchange']) ? p.values['exchange'] : 'bybit');
  const ctx: FieldContext = { values: { ...p.values, exchange }, errors: p.errors };
  return html`<form id="connection-form" method="post" action="${action}" hx-post="${action}" hx-target="this"
  hx-swap="outerHTML" novalidate>
<h2 id="connection-dialog-title">${editing ? html`Edit “${p.record!.name}”` : 'Add a connection'}</h2>
${p.formError ? html`<div class="flash flash-error" role="alert"><p>${p.formError}</p></div>` : ''}
<input type="hidden" name="_csrf" value="${p.csrf}">
<input type="hidden" id="f-editing" name="editing" value="${editing ? '1' : ''}">
${editing ? html`<input type="hidden" name="version" value="${p.record!.version}">` : ''}
${textField('name', 'Name', ctx, { required: true })}
${
  editing
    ? html`<div class="field"><span class="muted">Exchange</span><div>${EXCHANGE_NAMES[exchange]}</div>
<input type="hidden" id="f-exchange" name="exchange" value="${exchange}"></div>`
    : selectField(
        'exchange',
        'Exchange',
        ctx,
        EXCHANGES.map((e) => [e, EXCHANGE_NAMES[e]]),
        html`hx-get="${p.base}/connections/fields" hx-target="#exchange-fields" hx-swap="outerHTML"
  hx-include="#f-api_type, #f-margin_type, #f-position_mode, #f-key_type, #f-editing" hx-trigger="change"`,
      )
}
${exchangeFields(p.base, exchange, ctx, editing)}
${textField('api_key', 'API key', ctx, {
  required: !editing,
  echo: false,
  help: editing ? `Now ${p.record!.api_key_masked}. Leave key and secret empty to keep them.` : undefined,
})}
${textField('api_secret', 'API secret', ctx, { type: 'password', required: !editing, autocomplete: 'new-password' })}
${editing ? '' : checkField('enabled', 'Enable now (runs a test)', p.values['enabled'] !== 'off')}
<div class="dialog-actions">
<button type="button" class="btn" data-close-dialog>Cancel</button>
<button type="submit" class="btn btn-primary">${editing ? 'Save' : 'Add connection'}</button>
</div>
</form>`;
}

/** The form in a modal dialog (opened by admin.js when htmx swaps it in). */
export function connectionDialog(p: ConnectionFormProps): Html {
  return html`<dialog id="connection-dialog" data-autoopen aria-labelledby="connection-dialog-title">
${connectionForm(p)}
</dialog>`;
}
