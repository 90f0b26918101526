/** Values from a JSON Schema (the OpenAPI document's): mostly valid ones, and broken variants of them. */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schemas are walked structurally
export type Schema = any;

const NASTY_STRINGS = [
  '',
  ' ',
  'a'.repeat(10_000),
  '../../etc/passwd',
  "'; DROP TABLE connections; --",
  '<script>alert(1)</script>',
  '\u0000nul',
  'line\nbreak',
  'tab\there',
  '\u202etxt.exe',
  '😀'.repeat(50),
  '%00%0d%0a',
  '{{7*7}}',
  'null',
  '-1',
  '1e309',
];
const NASTY_VALUES = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  [],
  {},
  [null],
  { __proto__: { x: 1 } },
  'x',
];

export class JsonGen {
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  /** A value the schema accepts (as far as types, enums, lengths and ranges go). */
  valid(schema: Schema, depth = 0): unknown {
    if (!schema || depth > 6) return null;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    if (schema.anyOf) return this.valid(this.pick(schema.anyOf), depth + 1);
    if (schema.oneOf) return this.valid(this.pick(schema.oneOf), depth + 1);
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case 'string': {
        const min = schema.minLength ?? 0;
        const max = Math.min(schema.maxLength ?? 24, min + 24);
        const length = this.int(min, Math.max(min, max));
        let s = '';
        for (let i = 0; i < length; i++) s += String.fromCharCode(this.int(0x61, 0x7a));
        return s;
      }
      case 'integer':
      case 'number': {
        const min =
          schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
        const max =
          schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 100);
        return this.int(Math.ceil(min), Math.floor(Math.max(min, max)));
      }
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const min = schema.minItems ?? 0;
        const max = Math.min(schema.maxItems ?? 3, min + 3);
        return Array.from({ length: this.int(min, Math.max(min, max)) }, () =>
          this.valid(schema.items, depth + 1),
        );
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        const required = new Set<string>(schema.required ?? []);
        for (const [key, sub] of Object.entries(schema.properties ?? {}))
          if (required.has(key) || this.chance(0.5)) out[key] = this.valid(sub, depth + 1);
        return out;
      }
      default:
        return null;
    }
  }

  /** A value that breaks the schema somewhere: a wrong type, a missing or unknown field, an out-of-range value. */
  broken(schema: Schema, depth = 0): unknown {
    const value = this.valid(schema, depth);
    if (value && typeof value === 'object' && !Array.isArray(value) && this.chance(0.7)) {
      const obj = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(schema?.properties ?? {});
      const mutation = this.int(0, 3);
      if (mutation === 0 && keys.length) obj[this.pick(keys)] = this.pick(NASTY_VALUES);
      else if (mutation === 1 && keys.length) obj[this.pick(keys)] = this.pick(NASTY_STRINGS);
      else if (mutation === 2 && schema.required?.length) delete obj[this.pick(schema.required as string[])];
      else obj[`unknown_${this.int(0, 99)}`] = this.pick(NASTY_STRINGS);
      return obj;
    }
    return this.chance(0.5) ? this.pick(NASTY_VALUES) : this.pick(NASTY_STRINGS);
  }

  /** A string for a path or query slot: a real id, a plausible one, or a hostile one. */
  nastyString(): string {
    return this.pick(NASTY_STRINGS);
  }
}
