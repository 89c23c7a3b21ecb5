import {describe, expect, it} from 'vitest';
import {compareCells, formatTableCell, tableModel} from '../../../src/app/render/table-model';
import {tableSpec} from '../../../src/lib/plot';

describe('table model (what the table renderer shows)', () => {
  const spec = tableSpec({
    name: ['a10', 'a2', 'B', 'c', null],
    mag: [3, NaN, 1, 2, 10],
  });
  const names = (rows: number[]) => rows.map((r) => spec.rows[r][0]);

  it('formats numbers with decimals or 8 significant digits', () => {
    expect(formatTableCell(150.123456789, {name: 'ra', type: 'number'})).toBe('150.12346');
    expect(formatTableCell(2.5, {name: 'ra', type: 'number', digits: 3})).toBe('2.500');
    expect(formatTableCell(12345678901, {name: 'id', type: 'number'})).toBe('12345678901');
    expect(formatTableCell(null, {name: 'x', type: 'string'})).toBe('');
    expect(compareCells('a2', 'a10')).toBeLessThan(0);
  });

  it('sorts both ways with missing values last, filters, and pages', () => {
    const model = tableModel(spec);
    const base = {filter: '', page: 0, pageSize: 10};
    expect(names(model.view({...base, sort: {column: 0, direction: 'ascending'}}).rows)).toEqual(['a2', 'a10', 'B', 'c', null]);
    expect(names(model.view({...base, sort: {column: 0, direction: 'descending'}}).rows)).toEqual(['c', 'B', 'a10', 'a2', null]);
    expect(names(model.view({...base, sort: {column: 1, direction: 'descending'}}).rows)).toEqual([null, 'a10', 'c', 'B', 'a2']);
    expect(names(model.view({...base, filter: ' A'}).rows)).toEqual(['a10', 'a2']);
    const page = model.view({...base, pageSize: 2, page: 7});
    expect([page.page, page.pages, page.first, page.matching]).toEqual([2, 3, 4, 5]);
    expect(page.rows).toEqual([4]);
  });
});
