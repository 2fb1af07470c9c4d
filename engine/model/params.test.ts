import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from './nodeTypeInfo.js';
import { applyParamDefaults, validateParams } from './params.js';

const info: NodeTypeInfo = {
  type: 'test.all',
  title: 'All kinds',
  category: 'Test',
  description: 'One parameter of each kind',
  inputs: [{ name: 'in', type: 'json' }],
  outputs: [],
  params: [
    { key: 'path', kind: 'path', required: true },
    { key: 'count', kind: 'number', min: 1, max: 10, integer: true, default: 3 },
    { key: 'mode', kind: 'choice', options: ['fast', 'safe'], default: 'safe' },
    { key: 'flag', kind: 'boolean' },
    { key: 'extra', kind: 'json' },
    { key: 'code', kind: 'code', language: 'javascript' },
    { key: 'inputs', kind: 'ports', direction: 'input', default: [] },
  ],
};

const messages = (params: Record<string, unknown>) =>
  validateParams(info, params, 'load').map((p) => p.message);

describe('params', () => {
  it('applies defaults without sharing the default objects', () => {
    const a = applyParamDefaults(info, { path: 'x.csv', count: null });
    expect(a).toEqual({ path: 'x.csv', count: 3, mode: 'safe', inputs: [] });
    (a.inputs as unknown[]).push(1);
    expect(applyParamDefaults(info, {}).inputs).toEqual([]);
  });

  it('accepts good values', () => {
    expect(
      validateParams(
        info,
        { path: 'a.csv', count: 10, flag: false, extra: [{}], inputs: [{ name: 'b', type: 'table' }] },
        'load',
      ),
    ).toEqual([]);
  });

  it('names node and parameter for every fault at once', () => {
    const problems = validateParams(
      info,
      { count: 2.5, mode: 'slow', flag: 'yes', code: 3, colour: 'red', inputs: 'x' },
      'load',
    );
    expect(problems.every((p) => p.code === 'bad-param' && p.nodeId === 'load')).toBe(true);
    expect(problems.map((p) => p.field).sort()).toEqual([
      'code',
      'colour',
      'count',
      'flag',
      'inputs',
      'mode',
      'path',
    ]);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'Node "load": parameter "path" is required',
        'Node "load": parameter "count" must be a whole number, not 2.5',
        'Node "load": parameter "mode" must be one of "fast", "safe", not "slow"',
        'Node "load": parameter "flag" must be true or false, not "yes"',
        'Node "load": parameter "code" must be a string, not 3',
        expect.stringMatching(
          /^Node "load": unknown parameter "colour" for type test.all; its parameters are "path"/,
        ),
      ]),
    );
  });

  it('checks number bounds', () => {
    expect(messages({ path: 'p', count: 0 })).toEqual([
      'Node "load": parameter "count" must be at least 1, not 0',
    ]);
    expect(messages({ path: 'p', count: 11 })).toEqual([
      'Node "load": parameter "count" must be at most 10, not 11',
    ]);
    expect(messages({ path: '' })).toEqual(['Node "load": parameter "path" is required']);
  });

  it('checks port lists: names, uniqueness, parseable types', () => {
    expect(messages({ path: 'p', inputs: [{ name: 'a', type: 'tabel' }] })[0]).toMatch(
      /^Node "load": parameter "inputs" input "a": Type "tabel": unknown type "tabel"/,
    );
    expect(
      messages({
        path: 'p',
        inputs: [
          { name: 'a', type: 'T' },
          { name: 'a', type: 'T' },
        ],
      }),
    ).toEqual(['Node "load": parameter "inputs" declares the input "a" twice']);
    expect(messages({ path: 'p', inputs: [{ name: 'in', type: 'T' }] })).toEqual([
      'Node "load": parameter "inputs" declares the input "in" twice',
    ]);
    expect(messages({ path: 'p', inputs: [{ name: 'a b', type: 'T' }] })[0]).toContain(
      'must be an identifier',
    );
  });
});
