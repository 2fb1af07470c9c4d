import { describe, expect, it } from 'vitest';
import { formatType, parseType, TypeSyntaxError } from './index.js';

function syntaxError(expr: string): TypeSyntaxError {
  try {
    parseType(expr);
  } catch (e) {
    if (e instanceof TypeSyntaxError) return e;
    throw e;
  }
  throw new Error(`"${expr}" parsed`);
}

describe('parseType / formatType', () => {
  it.each([
    ['number', 'number'],
    ['integer', 'integer'],
    ['json', 'json'],
    ['any', 'any'],
    ['T', 'T'],
    ['Row', 'Row'],
    ['array<number>', 'array<number>'],
    [' array < array<T> > ', 'array<array<T>>'],
    ['record', 'record'],
    ['record{}', 'record{}'],
    ['record{ a : number , b:string }', 'record{a:number,b:string}'],
    ['record{a:record{b:array<date>}}', 'record{a:record{b:array<date>}}'],
    ['table', 'table'],
    ['table{id:number,name:string}', 'table{id:number,name:string}'],
    ['table{"order id":integer,ok:boolean}', 'table{"order id":integer,ok:boolean}'],
    ['array<record{x:T}>', 'array<record{x:T}>'],
  ])('%s → %s', (input, canonical) => {
    expect(formatType(parseType(input))).toBe(canonical);
    expect(formatType(parseType(canonical))).toBe(canonical);
  });

  it('builds the AST', () => {
    expect(parseType('table{id:number}')).toEqual({
      kind: 'table',
      columns: [{ name: 'id', type: { kind: 'scalar', name: 'number' } }],
    });
    expect(parseType('array<T>')).toEqual({ kind: 'array', element: { kind: 'var', name: 'T' } });
  });

  it.each([
    ['array<number', 12, 'expected ">"'],
    ['array<>', 6, 'expected a type'],
    ['numbr', 0, 'unknown type "numbr"'],
    ['record{a number}', 9, 'expected ":"'],
    ['record{a:number b:string}', 16, 'expected "," or "}"'],
    ['table{id:array<number>}', 9, 'column "id" must have a scalar type'],
    ['record{a:number,a:string}', 16, 'field "a" appears twice'],
    ['number number', 7, 'expected the end of the type'],
    ['', 0, 'expected a type'],
    ['record{"a:number}', 7, 'closing quote'],
  ])('%j fails at position %i', (expr, position, detail) => {
    const e = syntaxError(expr);
    expect(e.position).toBe(position);
    expect(e.message).toContain(detail);
    expect(e.message).toContain(`at position ${position}`);
    expect(e.message).toContain(`"${expr}"`);
  });
});
