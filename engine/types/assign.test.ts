import { describe, expect, it } from 'vitest';
import { isAssignable, parseType } from './index.js';

function fit(source: string, target: string) {
  return isAssignable(parseType(source), parseType(target));
}

describe('isAssignable', () => {
  it.each([
    ['number', 'number'],
    ['integer', 'number'],
    ['date', 'string'],
    ['timestamp', 'string'],
    ['table{id:number}', 'json'],
    ['array<record{a:number}>', 'any'],
    ['any', 'number'],
    ['record{a:number,b:string}', 'record{a:number}'],
    ['record{a:integer}', 'record{a:number}'],
    ['record{a:number}', 'record'],
    ['record', 'record{a:number}'],
    ['record{a:record{b:integer,c:string}}', 'record{a:record{b:number}}'],
    ['table{id:integer,name:string}', 'table{id:number}'],
    ['table{id:number}', 'table'],
    ['array<integer>', 'array<number>'],
    ['array<array<record{a:number,b:date}>>', 'array<array<record{b:string}>>'],
    ['T', 'number'],
    ['number', 'T'],
  ])('%s fits %s', (s, t) => {
    expect(fit(s, t)).toEqual({ ok: true });
  });

  it.each([
    ['number', 'integer', 'number does not fit integer'],
    ['string', 'date', 'string does not fit date'],
    ['json', 'number', 'json does not fit number'],
    ['table{id:number}', 'number', 'table{id:number} does not fit number'],
    ['table{id:number}', 'record{id:number}', 'table{id:number} does not fit record{id:number}'],
    [
      'record{a:string}',
      'record{a:number}',
      'record{a:string} does not fit record{a:number}: field a is string, expected number',
    ],
    [
      'record{b:string}',
      'record{a:number}',
      'record{b:string} does not fit record{a:number}: field a is missing',
    ],
    [
      'table{id:number}',
      'table{id:number,name:string}',
      'table{id:number} does not fit table{id:number,name:string}: column name is missing',
    ],
    [
      'array<string>',
      'array<number>',
      'array<string> does not fit array<number>: element string does not fit number',
    ],
    ['number', 'array<number>', 'number does not fit array<number>'],
    [
      'record{"a b":string}',
      'record{"a b":boolean}',
      'record{"a b":string} does not fit record{"a b":boolean}: field "a b" is string, expected boolean',
    ],
  ])('%s does not fit %s', (s, t, reason) => {
    expect(fit(s, t)).toEqual({ ok: false, reason });
  });
});
