import { describe, expect, it } from 'vitest';
import { PriorityQueue } from './priority-queue.ts';

describe('PriorityQueue', () => {
  it('pops the highest priority first, first in first out among equals', () => {
    const q = new PriorityQueue<string>();
    q.push('a', 0);
    q.push('b', 5);
    q.push('c', 0);
    q.push('d', 5);
    q.push('e', -1);
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([
      'b',
      'd',
      'a',
      'c',
      'e',
      undefined,
    ]);
  });

  it('stays ordered over many random pushes', () => {
    const q = new PriorityQueue<number>();
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    for (const v of values) q.push(v, v);
    const out: number[] = [];
    while (q.size) out.push(q.pop()!);
    expect(out).toEqual([...values].sort((a, b) => b - a));
  });

  it('drains matching entries and keeps the rest in order', () => {
    const q = new PriorityQueue<number>();
    for (let i = 0; i < 10; i++) q.push(i, i);
    expect(q.drain((v) => v % 2 === 0).sort()).toEqual([0, 2, 4, 6, 8]);
    expect([q.pop(), q.pop()]).toEqual([9, 7]);
  });
});
