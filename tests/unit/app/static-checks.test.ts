import {describe, expect, it} from 'vitest';
import {Dataflow} from '../../../src/app/kernel/graph/static-checks';

describe('Dataflow', () => {
  it('links cells by names and finds what a cell needs', () => {
    const flow = new Dataflow([
      {id: 'A', declarations: ['a'], references: []},
      {id: 'B', declarations: ['b'], references: ['a']},
      {id: 'C', declarations: [], references: ['b', 'tf']},
    ]);
    expect(flow.dependencies('C')).toEqual(['B']);
    expect([...flow.upstream(['C'])].sort()).toEqual(['A', 'B']);
    expect([...flow.downstream('A')].sort()).toEqual(['B', 'C']);
    expect(flow.problems()).toEqual({duplicates: new Map(), cycles: new Map()});
  });

  it('reports names defined by two cells on both', () => {
    const {duplicates} = new Dataflow([
      {id: 'A', declarations: ['x'], references: []},
      {id: 'B', declarations: ['x', 'y'], references: []},
    ]).problems();
    expect([...duplicates.keys()]).toEqual(['A', 'B']);
    expect(duplicates.get('B')).toMatch(/`x` is defined more than once/);
  });

  it('reports cycles on every cell in them, naming the links', () => {
    const {cycles} = new Dataflow([
      {id: 'A', declarations: ['p'], references: ['q']},
      {id: 'B', declarations: ['q'], references: ['r']},
      {id: 'C', declarations: ['r'], references: ['p']},
      {id: 'D', declarations: ['s'], references: ['p']},
    ]).problems();
    expect([...cycles.keys()].sort()).toEqual(['A', 'B', 'C']);
    expect(cycles.get('A')).toMatch(/Circular definition: `[pqr]` → `[pqr]` → `[pqr]` → `[pqr]`/);
  });
});
