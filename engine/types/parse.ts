// A recursive-descent parser for port type expressions:
//
//   type   := name | 'array' '<' type '>' | ('record' | 'table') ['{' [field {',' field}] '}'] | Var
//   field  := (identifier | "json string") ':' type
//
// Whitespace is allowed between tokens. Lowercase names are built-in types; a name starting with an
// uppercase letter is a generic type variable.

import { isScalarName, SCALAR_NAMES, type Field, type PortType } from './ast.js';

export class TypeSyntaxError extends Error {
  override name = 'TypeSyntaxError';
  constructor(
    /** The whole expression. */
    readonly expression: string,
    /** 0-based offset of the fault in `expression`. */
    readonly position: number,
    /** What is wrong, e.g. `expected ">"`. */
    readonly detail: string,
  ) {
    super(`Type "${expression}": ${detail} at position ${position}`);
  }
}

const BUILT_IN_NAMES = [...SCALAR_NAMES, 'json', 'any', 'array', 'record', 'table'];

export function parseType(expr: string): PortType {
  const parser = new Parser(expr);
  const t = parser.type();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('expected the end of the type');
  return t;
}

/** Parses `expr`, or returns the syntax error instead of throwing it. */
export function tryParseType(
  expr: string,
): { ok: true; type: PortType } | { ok: false; error: TypeSyntaxError } {
  try {
    return { ok: true, type: parseType(expr) };
  } catch (e) {
    if (e instanceof TypeSyntaxError) return { ok: false, error: e };
    throw e;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(detail: string, at = this.pos): never {
    const found = at >= this.text.length ? 'the end' : JSON.stringify(this.text[at]);
    throw new TypeSyntaxError(this.text, at, `${detail}, found ${found}`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  private identifier(what: string): { name: string; start: number } {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) this.fail(`expected ${what}`);
    const start = this.pos;
    this.pos += match[0].length;
    return { name: match[0], start };
  }

  type(): PortType {
    const { name, start } = this.identifier('a type');
    if (/^[A-Z]/.test(name)) return { kind: 'var', name };
    if (isScalarName(name)) return { kind: 'scalar', name };
    switch (name) {
      case 'json':
      case 'any':
        return { kind: name };
      case 'array': {
        this.expect('<');
        const element = this.type();
        this.expect('>');
        return { kind: 'array', element };
      }
      case 'record':
        return { kind: 'record', fields: this.peek() === '{' ? this.fields(false) : null };
      case 'table':
        return { kind: 'table', columns: this.peek() === '{' ? this.fields(true) : null };
      default:
        throw new TypeSyntaxError(
          this.text,
          start,
          `unknown type "${name}"; expected one of ${BUILT_IN_NAMES.join(', ')} or a type variable such as T`,
        );
    }
  }

  private fields(columns: boolean): Field[] {
    this.expect('{');
    const fields: Field[] = [];
    if (this.peek() === '}') {
      this.pos++;
      return fields;
    }
    for (;;) {
      const start = (this.skipSpace(), this.pos);
      const name = this.fieldName(columns);
      if (fields.some((f) => f.name === name)) {
        throw new TypeSyntaxError(
          this.text,
          start,
          `${columns ? 'column' : 'field'} "${name}" appears twice`,
        );
      }
      this.expect(':');
      const typeStart = (this.skipSpace(), this.pos);
      const type = this.type();
      if (columns && type.kind !== 'scalar' && type.kind !== 'json' && type.kind !== 'any') {
        throw new TypeSyntaxError(
          this.text,
          typeStart,
          `column "${name}" must have a scalar type (${SCALAR_NAMES.join(', ')}), json or any`,
        );
      }
      fields.push({ name, type });
      const next = this.peek();
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return fields;
      }
      this.fail('expected "," or "}"');
    }
  }

  private fieldName(columns: boolean): string {
    const what = columns ? 'a column name' : 'a field name';
    if (this.peek() !== '"') return this.identifier(what).name;
    // A quoted name (a CSV header with spaces): a JSON string literal, decoded by JSON.parse.
    const start = this.pos;
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) this.fail('expected the closing quote of the name', start);
    this.pos = i + 1;
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      return this.fail(`expected ${what} as a valid JSON string`, start);
    }
  }
}
