import { describe, expect, it } from 'vitest';
import { parseCommandArgs, parseParamOverride, UsageError } from './args.js';

describe('CLI arguments', () => {
  it('parses --param NODE.KEY=VALUE with JSON values, else strings', () => {
    expect(parseParamOverride('src.to=5')).toEqual({ nodeId: 'src', key: 'to', value: 5 });
    expect(parseParamOverride('m.code=x => x.a=1')).toEqual({
      nodeId: 'm',
      key: 'code',
      value: 'x => x.a=1',
    });
    expect(parseParamOverride('n.list=[1,2]')).toEqual({ nodeId: 'n', key: 'list', value: [1, 2] });
    for (const bad of ['nodot', '.k=1', 'n.=1', 'n.k'])
      expect(() => parseParamOverride(bad)).toThrow(UsageError);
  });

  it('splits positionals, flags, options and params; refuses unknown options', () => {
    const a = parseCommandArgs(['f.json', '--json', '-p', 'a.b=1', '--param=c.d=x', '--nodes-dir', 'dir'], {
      flags: ['--json'],
      options: ['--nodes-dir'],
    });
    expect(a.positional).toEqual(['f.json']);
    expect([...a.flags]).toEqual(['--json']);
    expect(a.params).toEqual([
      { nodeId: 'a', key: 'b', value: 1 },
      { nodeId: 'c', key: 'd', value: 'x' },
    ]);
    expect(a.options.get('--nodes-dir')).toBe('dir');
    expect(() => parseCommandArgs(['--wat'], { flags: [], options: [] })).toThrow('unknown option --wat');
    expect(() => parseCommandArgs(['--nodes-dir'], { flags: [], options: ['--nodes-dir'] })).toThrow(
      'needs a value',
    );
  });
});
