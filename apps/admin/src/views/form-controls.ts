import type { FieldErrors, FormValues } from '../forms/parse-form.ts';
import { type Html, html } from './html.ts';

export interface FieldContext {
  values: FormValues;
  errors: FieldErrors;
}

function described(name: string, ctx: FieldContext, help?: string): { attrs: Html; after: Html } {
  const error = ctx.errors[name];
  const ids = [error ? `err-${name}` : '', help ? `help-${name}` : ''].filter(Boolean).join(' ');
  return {
    attrs: html`${error ? html`aria-invalid="true"` : ''} ${ids ? html`aria-describedby="${ids}"` : ''}`,
    after: html`${help ? html`<p class="muted" id="help-${name}">${help}</p>` : ''}${
      error ? html`<p class="field-error" id="err-${name}">${error}</p>` : ''
    }`,
  };
}

/** A labelled text/password input with its inline error. Passwords (and `echo: false` fields) are never echoed back. */
export function textField(
  name: string,
  label: string,
  ctx: FieldContext,
  options: {
    type?: 'text' | 'password';
    required?: boolean;
    help?: string;
    autocomplete?: string;
    echo?: boolean;
  } = {},
): Html {
  const type = options.type ?? 'text';
  const value = type === 'password' || options.echo === false ? '' : (ctx.values[name] ?? '');
  const d = described(name, ctx, options.help);
  return html`<div class="field"><label for="f-${name}">${label}</label>
<input id="f-${name}" name="${name}" type="${type}" value="${value}" autocomplete="${options.autocomplete ?? 'off'}"
  ${options.required ? 'required' : ''} ${d.attrs}>${d.after}</div>`;
}

/** A labelled select with its inline error; `extra` adds attributes (htmx triggers). */
export function selectField(
  name: string,
  label: string,
  ctx: FieldContext,
  options: Array<[value: string, text: string]>,
  extra: Html | string = '',
  placeholder?: string,
): Html {
  const current = ctx.values[name] ?? '';
  const d = described(name, ctx);
  return html`<div class="field"><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}" ${extra} ${d.attrs}>${placeholder ? html`<option value="">${placeholder}</option>` : ''}${options.map(
    ([v, t]) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${t}</option>`,
  )}</select>${d.after}</div>`;
}

/** A labelled checkbox with its inline error. */
export function checkField(name: string, label: string, checked: boolean, error?: string): Html {
  return html`<div class="field"><label class="check"><input type="checkbox" id="f-${name}" name="${name}" ${
    checked ? 'checked' : ''
  } ${error ? html`aria-invalid="true" aria-describedby="err-${name}"` : ''}> ${label}</label>${
    error ? html`<p class="field-error" id="err-${name}">${error}</p>` : ''
  }</div>`;
}
