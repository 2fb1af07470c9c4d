// Number parameters that refuse zero (issue 12: `step: 0` passed the check and failed at run time).
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../model/params.js';
import { nodeTypeInfo } from '../../sdk/index.js';
import sequence from './sequence.js';

const info = nodeTypeInfo(sequence as never);

describe('core.sequence parameters', () => {
  it('refuses step 0 before the run, naming node and parameter', () => {
    const problems = validateParams(info, { from: 1, to: 10, step: 0 }, 'numbers');
    expect(problems.map((p) => p.message)).toEqual(['Node "numbers": parameter "step" must not be 0']);
    expect(problems[0]).toMatchObject({ nodeId: 'numbers', field: 'step', severity: 'error' });
    expect(validateParams(info, { from: 10, to: 1, step: -1 }, 'numbers')).toEqual([]);
  });

  it('takes a whole number of milliseconds between values', () => {
    expect(validateParams(info, { intervalMs: 2.5 }, 's').map((p) => p.message)).toEqual([
      'Node "s": parameter "intervalMs" must be a whole number, not 2.5',
    ]);
  });
});
