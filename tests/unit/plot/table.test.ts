import {describe, expect, it} from 'vitest';
import {tableSpec} from '../../../src/lib/plot';
import {expectCloneable} from './clone';

describe('tableSpec', () => {
  it('takes records, infers column types, and turns other values into text cells', () => {
    const spec = tableSpec(
      [
        {id: 1n, name: '<b>M31</b>', ra: 10.68, flags: new Int16Array([1, 2]), ok: true},
        {id: 2n, name: 'M33', ra: null, ok: false},
      ],
      {caption: 'galaxies'},
    );
    expect(spec.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'number'],
      ['name', 'string'],
      ['ra', 'number'],
      ['flags', 'string'],
      ['ok', 'boolean'],
    ]);
    expect(spec.rows).toEqual([
      [1, '<b>M31</b>', 10.68, '[1, 2]', true],
      [2, 'M33', null, null, false],
    ]);
    expectCloneable(spec);
  });

  it('takes named columns or columns with rows, and selects and describes columns', () => {
    const columnar = tableSpec({ra: new Float64Array([1.5, 2.5]), dec: [-3, 4]}, {columns: [{name: 'dec', unit: 'deg', digits: 2}]});
    expect(columnar.columns).toEqual([{name: 'dec', type: 'number', unit: 'deg', digits: 2}]);
    expect(columnar.rows).toEqual([[-3], [4]]);
    const rows = tableSpec({columns: ['a', {name: 'b', unit: 'mag'}], rows: [[1, 'x'], {a: 2, b: 'y'}]});
    expect(rows.columns[1]).toEqual({name: 'b', type: 'string', unit: 'mag'});
    expect(rows.rows).toEqual([[1, 'x'], [2, 'y']]);
    expect(() => tableSpec({ra: [1]}, {columns: ['dec']})).toThrow(/no column "dec"; columns are ra/);
    expect(() => tableSpec({ra: [1, 2], dec: [1]})).toThrow(/differ in length/);
  });

  it('keeps at most maxRows rows and says how many there were', () => {
    const spec = tableSpec({n: Array.from({length: 10}, (_, i) => i)}, {maxRows: 3, pageSize: 2});
    expect(spec.rows).toEqual([[0], [1], [2]]);
    expect([spec.totalRows, spec.pageSize]).toEqual([10, 2]);
  });
});
