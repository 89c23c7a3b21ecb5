/**
 * The `table` renderer: a real `<table>` (caption, column headers with scope) that pages through large catalogs,
 * sorts when a header is clicked (announced through `aria-sort`), and filters as the user types. Every cell is set
 * as text, so values from files and users can never become markup.
 */
import type {TableSpec} from '../../lib/plot/table/table-spec';
import {formatTableCell, tableModel, type TableQuery} from './table-model';

const DEFAULT_PAGE_SIZE = 25;

function button(text: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

/** Draws `spec` into `el` (replacing what was there). */
export function renderTable(spec: TableSpec, el: HTMLElement): void {
  const model = tableModel(spec);
  const query: TableQuery = {filter: '', page: 0, pageSize: spec.pageSize ?? DEFAULT_PAGE_SIZE};

  const table = document.createElement('table');
  if (spec.caption) {
    const caption = document.createElement('caption');
    caption.textContent = spec.caption;
    table.append(caption);
  }
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  const headers = spec.columns.map((column, c) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.setAttribute('aria-sort', 'none');
    if (column.type === 'number') th.className = 'ds-number';
    if (column.description) th.title = column.description;
    const sort = document.createElement('button');
    sort.type = 'button';
    sort.className = 'ds-sort';
    sort.textContent = column.name;
    if (column.unit) {
      const unit = document.createElement('span');
      unit.className = 'ds-unit';
      unit.textContent = ` [${column.unit}]`;
      sort.append(unit);
    }
    sort.addEventListener('click', () => {
      // Cycle: ascending, descending, source order.
      const current = query.sort?.column === c ? query.sort.direction : undefined;
      query.sort = current === undefined ? {column: c, direction: 'ascending'} : current === 'ascending' ? {column: c, direction: 'descending'} : undefined;
      query.page = 0;
      update();
    });
    th.append(sort);
    headRow.append(th);
    return th;
  });
  head.append(headRow);
  const body = document.createElement('tbody');
  table.append(head, body);

  const tools = document.createElement('div');
  tools.className = 'ds-table-tools';
  const filter = document.createElement('input');
  filter.type = 'search';
  filter.placeholder = 'Filter rows';
  filter.setAttribute('aria-label', 'Filter rows');
  filter.addEventListener('input', () => {
    query.filter = filter.value;
    query.page = 0;
    update();
  });
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  const previous = button('‹', 'Previous page');
  const next = button('›', 'Next page');
  previous.addEventListener('click', () => {
    query.page--;
    update();
  });
  next.addEventListener('click', () => {
    query.page++;
    update();
  });
  tools.append(filter, status, previous, next);

  const scroll = document.createElement('div');
  scroll.className = 'ds-table-scroll';
  scroll.append(table);

  function update(): void {
    const view = model.view(query);
    query.page = view.page;
    body.replaceChildren(
      ...view.rows.map((r) => {
        const tr = document.createElement('tr');
        spec.rows[r].forEach((cell, c) => {
          const td = document.createElement('td');
          const column = spec.columns[c];
          td.textContent = formatTableCell(cell, column);
          if (column.type === 'number') {
            td.className = 'ds-number';
            // The exact value on hover when the display rounds it.
            if (typeof cell === 'number' && td.textContent !== String(cell)) td.title = String(cell);
          }
          tr.append(td);
        });
        return tr;
      }),
    );
    headers.forEach((th, c) => th.setAttribute('aria-sort', query.sort?.column === c ? query.sort.direction : 'none'));
    const shown = view.rows.length ? `${(view.first + 1).toLocaleString()}–${(view.first + view.rows.length).toLocaleString()}` : '0';
    const filtered = query.filter.trim() ? ` matching (of ${spec.rows.length.toLocaleString()})` : '';
    const truncated = spec.totalRows ? `; first ${spec.rows.length.toLocaleString()} of ${spec.totalRows.toLocaleString()} rows kept` : '';
    status.textContent = `Rows ${shown} of ${view.matching.toLocaleString()}${filtered}${truncated}`;
    previous.disabled = view.page === 0;
    next.disabled = view.page >= view.pages - 1;
  }

  const figure = document.createElement('figure');
  figure.className = 'ds-table';
  figure.append(tools, scroll);
  el.replaceChildren(figure);
  update();
}
