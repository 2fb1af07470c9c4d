import { describe, expect, it } from 'vitest';
import { backoffDelay } from './nodeRunner.js';

describe('backoffDelay', () => {
  it('doubles from retryBackoffMs, stops at retryBackoffMaxMs, and jitters between half and all', () => {
    const policy = { retryBackoffMs: 100, retryBackoffMaxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, 0.999999))).toEqual(
      [100, 200, 400, 800, 1000, 1000].map((ms) => expect.closeTo(ms, 2)),
    );
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, 0))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(3, policy, 0.5)).toBe(300);
  });

  it('defaults to 200 ms doubling, capped at 30 s', () => {
    expect(backoffDelay(1, {}, 0)).toBe(100);
    expect(backoffDelay(20, {}, 0)).toBe(15_000);
    expect(backoffDelay(20, {}, 0.999999)).toBeCloseTo(30_000, -1);
  });
});
