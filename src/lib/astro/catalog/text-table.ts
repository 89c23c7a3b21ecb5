/**
 * Generic text tables: CSV (RFC 4180 quoting), tab-separated or whitespace-separated, with `#` comment lines. The
 * header is the first non-comment line when none of its fields is a number, else a `# name name ...` comment line
 * right before the data that names every column; otherwise columns are called col1, col2, .... Columns whose values all parse as numbers (blank =
 * missing) are numeric.
 */
import {Catalog} from './catalog';

/** Options for {@link parseTextTable}. */
export interface TextTableOptions {
  /** `','`, `'\t'`, `'whitespace'`, or undefined to detect from the first data line. */
  delimiter?: ',' | '\t' | ';' | 'whitespace';
  /** Comment prefix (default `#`). */
  comment?: string;
}

/** Parses a CSV/TSV/whitespace table into a catalog. */
export function parseTextTable(text: string, options: TextTableOptions = {}): Catalog {
  const comment = options.comment ?? '#';
  const lines = text.split(/\r?\n/);
  const dataLines: {text: string; number: number}[] = [];
  let lastComment: string | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (line.trimStart().startsWith(comment)) {
      if (dataLines.length === 0) lastComment = line.trimStart().slice(comment.length).trim();
      return;
    }
    dataLines.push({text: line, number: i + 1});
  });
  if (dataLines.length === 0) return Catalog.fromColumns([]);
  const delimiter = options.delimiter ?? detect(dataLines[0].text);
  const split = (line: string) => (delimiter === 'whitespace' ? line.trim().split(/\s+/) : splitDelimited(line, delimiter));
  let rows = dataLines.map((l) => ({cells: split(l.text), number: l.number}));
  let names: string[];
  const first = rows[0].cells;
  if (first.every((c) => c.trim() === '' || Number.isNaN(Number(c)))) {
    names = first.map((c) => c.trim());
    rows = rows.slice(1);
  } else {
    const fromComment = lastComment?.split(delimiter === 'whitespace' ? /\s+/ : delimiter);
    names = fromComment && fromComment.length === first.length ? fromComment.map((c) => c.trim()) : first.map((_, i) => `col${i + 1}`);
  }
  for (const r of rows) {
    if (r.cells.length !== names.length) throw new Error(`table line ${r.number}: ${r.cells.length} fields, the header has ${names.length}`);
  }
  return Catalog.fromColumns(
    names.map((name, k) => {
      const cells = rows.map((r) => r.cells[k].trim());
      const numeric = cells.every((c) => c === '' || !Number.isNaN(Number(c)));
      return numeric ? {name, values: cells.map((c) => (c === '' ? NaN : Number(c)))} : {name, values: cells.map((c) => (c === '' ? null : c))};
    }),
  );
}

function detect(line: string): ',' | '\t' | ';' | 'whitespace' {
  if (line.includes(',')) return ',';
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return 'whitespace';
}

function splitDelimited(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
