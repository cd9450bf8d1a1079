import { describe, expect, it } from 'vitest';
import { differenceAttack, exposedResponses, rankAttack, rankOf } from './attacker.ts';

// Response 8 alone in February; A = Jan–Feb, B = Feb–Mar, C = Jan–Mar (all of size ≥ 5).
const january = [0, 1, 2, 3, 4, 5, 6, 7];
const march = [9, 10, 11, 12, 13, 14, 15, 16];
const overlapping = [
  [...january, 8],
  [8, ...march],
  [...january, 8, ...march],
];
const all = [...january, 8, ...march];

describe('test attacker', () => {
  it('finds a parent minus its disjoint children', () => {
    expect(
      differenceAttack(
        [
          [0, 1, 2, 3, 4, 5, 6],
          [0, 1, 2],
          [3, 4, 5],
        ],
        2,
      ),
    ).toEqual([6]);
  });

  it('finds a small difference of nested sets', () => {
    expect(
      differenceAttack(
        [
          [0, 1, 2, 3, 4, 5],
          [0, 1, 2, 3, 4],
        ],
        5,
      ),
    ).toEqual([5]);
  });

  it('misses A + B − C, which the rank attacker catches', () => {
    expect(differenceAttack(overlapping, 5)).toBeNull();
    expect(exposedResponses(overlapping, all)).toEqual([8]);
  });

  it('finds a small group whose sum is learnable though no single response is', () => {
    const sets = [
      [0, 1, 2, 3, 4, 5],
      [2, 3, 4, 5],
      [0, 2, 3, 4, 5, 6],
    ];
    expect(exposedResponses(sets, [0, 1, 2, 3, 4, 5, 6])).toEqual([]);
    expect(rankAttack(sets, [0, 1, 2, 3, 4, 5, 6], 3)).not.toBeNull();
  });

  it('computes exact ranks of 0/1 matrices', () => {
    expect(
      rankOf(
        [
          [0, 1],
          [1, 2],
          [0, 2],
        ],
        [0, 1, 2],
      ),
    ).toBe(3);
    expect(rankOf([[0, 1], [2], [0, 1, 2]], [0, 1, 2])).toBe(2);
  });
});
