import { describe, expect, it } from 'vitest';
import { formatType, parseType, scopeVars, TypeBindings } from './index.js';

const by = (edgeId: string) => ({ edgeId, nodeId: 'n', port: 'out' });
const t = (expr: string, scope: string) => scopeVars(parseType(expr), scope);

describe('TypeBindings', () => {
  it('binds a variable from what flows in and keeps variables of different nodes apart', () => {
    const b = new TypeBindings();
    b.flow(parseType('table{id:number}'), t('T', 'a'), by('e1'));
    expect(formatType(b.finalize(t('T', 'a')))).toBe('table{id:number}');
    expect(formatType(b.finalize(t('T', 'b')))).toBe('any');
  });

  it('binds inside arrays and records', () => {
    const b = new TypeBindings();
    b.flow(parseType('array<record{x:string,y:number}>'), t('array<record{x:T}>', 'a'), by('e1'));
    expect(formatType(b.finalize(t('T', 'a')))).toBe('string');
  });

  it('follows aliases between variables', () => {
    const b = new TypeBindings();
    b.flow(t('T', 'a'), t('T', 'b'), by('e2')); // a.T → b.T before a.T is known
    b.flow(parseType('number'), t('T', 'a'), by('e1'));
    expect(formatType(b.finalize(t('T', 'b')))).toBe('number');
  });

  it('widens a binding and reports types that fit neither way', () => {
    const b = new TypeBindings();
    b.flow(parseType('integer'), t('T', 'm'), by('e1'));
    expect(b.flow(parseType('number'), t('T', 'm'), by('e2')).changed).toBe(true);
    expect(formatType(b.finalize(t('T', 'm')))).toBe('number');
    const r = b.flow(parseType('string'), t('T', 'm'), by('e3'));
    expect(r.conflicts).toHaveLength(1);
    expect(formatType(r.conflicts[0]!.bound)).toBe('number');
    expect(r.conflicts[0]!.boundBy.edgeId).toBe('e2');
  });
});
