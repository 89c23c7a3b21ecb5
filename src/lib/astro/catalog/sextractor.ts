/**
 * SExtractor ASCII_HEAD catalogs: `#   N NAME  description [unit]` header lines, then one whitespace-separated row per
 * source. A vector parameter (e.g. FLUX_RADIUS with three fractions) takes several columns, which shows as a jump in
 * the column numbers; its size is the gap to the next number (for the last one, the rest of the row).
 */
import {Catalog, type CatalogColumnInput} from './catalog';

const HEADER_RE = /^#\s*(\d+)\s+(\S+)\s*(.*?)\s*(?:\[([^\]]*)\])?\s*$/;

/** Parses an ASCII_HEAD catalog. Throws with the line number when a row has the wrong number of values. */
export function parseSextractorCatalog(text: string): Catalog {
  const heads: {number: number; name: string; description: string; unit?: string}[] = [];
  const rows: number[][] = [];
  let width = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const m = HEADER_RE.exec(trimmed);
      if (m) heads.push({number: Number(m[1]), name: m[2], description: m[3], ...(m[4] ? {unit: m[4]} : {})});
      return;
    }
    if (heads.length === 0) throw new Error(`SExtractor catalog line ${i + 1}: data before any '#   N NAME' header line`);
    const values = trimmed.split(/\s+/).map((t) => {
      const v = Number(t);
      if (Number.isNaN(v) && t.toLowerCase() !== 'nan') throw new Error(`SExtractor catalog line ${i + 1}: ${JSON.stringify(t)} is not a number`);
      return v;
    });
    if (width === 0) width = values.length;
    if (values.length !== width) throw new Error(`SExtractor catalog line ${i + 1}: ${values.length} values, the first row had ${width}`);
    rows.push(values);
  });
  if (heads.length === 0) throw new Error('not a SExtractor ASCII_HEAD catalog: no "#   N NAME" header lines');
  heads.sort((a, b) => a.number - b.number);
  const last = heads[heads.length - 1];
  if (rows.length > 0 && width < last.number) throw new Error(`SExtractor catalog: rows have ${width} values but the header goes up to column ${last.number}`);
  const columns: CatalogColumnInput[] = heads.map((h, k) => {
    const next = k + 1 < heads.length ? heads[k + 1].number : (rows.length ? width : h.number) + 1;
    const size = next - h.number;
    const start = h.number - 1;
    const values = size === 1 ? rows.map((r) => r[start]) : rows.map((r) => r.slice(start, start + size));
    return {name: h.name, values, ...(size > 1 ? {size} : {}), ...(h.unit ? {unit: h.unit} : {}), ...(h.description ? {description: h.description} : {})};
  });
  return Catalog.fromColumns(columns);
}
