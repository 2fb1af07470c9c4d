import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';
import { checkTargetShape } from '../sinks/targetShape.js';
import { parseSelection } from '../transforms/tableSelect.js';
import { parseOrder } from '../transforms/tableSort.js';
import { expandUrl } from '../sources/httpRequest.js';

describe('Batcher', () => {
  it('flushes full batches per key and times out the oldest', () => {
    const b = new Batcher<{ k: string; v: number }>({ size: 2, timeoutMs: 100, keyOf: (x) => x.k });
    expect(b.add({ k: 'a', v: 1 }, 0)).toBeUndefined();
    expect(b.add({ k: 'b', v: 2 }, 50)).toBeUndefined();
    expect(b.add({ k: 'a', v: 3 }, 60)).toEqual([
      { k: 'a', v: 1 },
      { k: 'a', v: 3 },
    ]);
    expect(b.nextDeadline()).toBe(150);
    expect(b.takeExpired(149)).toEqual([]);
    expect(b.takeExpired(150)).toEqual([[{ k: 'b', v: 2 }]]);
    expect(b.nextDeadline()).toBeUndefined();
    b.add({ k: 'c', v: 4 }, 200);
    expect(b.takeAll()).toEqual([[{ k: 'c', v: 4 }]]);
  });

  it('has no deadline without a timeout', () => {
    const b = new Batcher<number>({ size: 10, timeoutMs: 0, keyOf: () => '' });
    b.add(1, 0);
    expect(b.nextDeadline()).toBeUndefined();
  });
});

describe('parameter parsing', () => {
  it('selection, order, URL templates', () => {
    expect(parseSelection('date, temp_max AS high ,weather as w')).toEqual([
      ['date', 'date'],
      ['temp_max', 'high'],
      ['weather', 'w'],
    ]);
    expect(parseOrder('date DESC, city')).toEqual([
      ['date', 'DESC'],
      ['city', 'ASC'],
    ]);
    expect(expandUrl('http://h/items/{{id}}?q={{ a.b }}', { id: 'x y', a: { b: 3 } })).toBe(
      'http://h/items/x%20y?q=3',
    );
  });

  it('names the columns of a wrong-shaped target', () => {
    expect(() => checkTargetShape('w', 't', ['a', 'b'], ['a', 'b'])).not.toThrow();
    expect(() => checkTargetShape('w', 't', ['a', 'x'], ['a', 'b'])).toThrow(
      'Node "w": target table "t" has columns (a, x) but the input has (a, b); missing in the table: b; not in the input: x',
    );
  });
});
