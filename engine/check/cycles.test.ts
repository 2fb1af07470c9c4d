import { describe, expect, it } from 'vitest';
import { cyclePath, findCycles } from './cycles.js';

const edges = (pairs: string[]) =>
  pairs.map((p) => {
    const [source, target] = p.split('>') as [string, string];
    return { source, target };
  });

describe('findCycles', () => {
  it('finds each strongly connected component with a loop, and self-loops', () => {
    const e = edges(['a>b', 'b>c', 'c>a', 'c>d', 'd>e', 'e>e', 'f>g']);
    const found = findCycles(['a', 'b', 'c', 'd', 'e', 'f', 'g'], e).map((c) => [...c].sort());
    expect(found).toEqual(expect.arrayContaining([['a', 'b', 'c'], ['e']]));
    expect(found).toHaveLength(2);
    expect(cyclePath(['c', 'a', 'b'], e)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('handles a chain of 100 000 nodes without overflowing the stack', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const chain = ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id }));
    expect(findCycles(ids, chain)).toEqual([]);
    expect(findCycles(ids, [...chain, { source: ids.at(-1)!, target: ids[0]! }])[0]).toHaveLength(100_000);
  });
});
