/**
 * One 80-character header card: keyword, value and comment, parsed the way the FITS standard (and astropy, where the
 * standard leaves room) reads them. Strings are parsed quote by quote before any comment slash is looked for, so
 * `'a /b'` stays a string; Fortran `D` exponents are read as `E`; integers too large for a double become `bigint`.
 */

/** A complex header value `(re, im)`. */
export interface FitsComplex {
  re: number;
  im: number;
}

/**
 * A header value: string, logical, number (integers beyond 2^53 as `bigint`), complex, or `null` for a keyword
 * whose value field is empty (an "undefined" value in FITS terms).
 */
export type FitsHeaderValue = string | number | boolean | bigint | FitsComplex | null;

/** One logical header card (a long string continued over CONTINUE cards is one card). */
export interface FitsCard {
  /** Upper-case keyword; HIERARCH keywords without the `HIERARCH ` prefix (e.g. `ESO DET CHIP NAME`). */
  keyword: string;
  /** The value; for COMMENT, HISTORY, blank and other value-less cards, the card's text after column 8. */
  value: FitsHeaderValue;
  /** The comment after the `/`, trimmed; empty when there is none. */
  comment: string;
  /** True for cards without a value indicator (COMMENT, HISTORY, blank keyword, non-standard cards). */
  commentary?: boolean;
  /** True for ESO HIERARCH cards. */
  hierarch?: boolean;
}

/** Keywords that never carry a value. */
export const COMMENTARY_KEYWORDS: ReadonlySet<string> = new Set(['COMMENT', 'HISTORY', '']);

/** The result of parsing one 80-character card image. */
export interface ParsedCard extends FitsCard {
  /** For string values: the raw string content before trailing spaces were removed (CONTINUE joining needs it). */
  rawString?: string;
  /** Set when the value text could not be parsed as any FITS type; the value is then the raw text. */
  problem?: string;
}

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/;

/** Parses one card image (exactly 80 ASCII characters; shorter strings are treated as space-padded). */
export function parseCard(image: string): ParsedCard {
  const head = image.slice(0, 8);
  const keyword = head.trimEnd().toUpperCase();
  if (keyword === 'HIERARCH') {
    const eq = image.indexOf('=', 8);
    if (eq < 0) return commentaryCard(keyword, image);
    const name = image.slice(8, eq).trim().replace(/\s+/g, ' ').toUpperCase();
    return {...parseValueField(image.slice(eq + 1)), keyword: name, hierarch: true};
  }
  if (COMMENTARY_KEYWORDS.has(keyword) || image.slice(8, 10) !== '= ') {
    return commentaryCard(keyword, image);
  }
  return {...parseValueField(image.slice(10)), keyword};
}

function commentaryCard(keyword: string, image: string): ParsedCard {
  return {keyword, value: image.slice(8).trimEnd(), comment: '', commentary: true};
}

/** Parses a value field (what follows `= `): the value and the comment. */
export function parseValueField(field: string): Omit<ParsedCard, 'keyword'> {
  let i = 0;
  while (i < field.length && field[i] === ' ') i++;
  if (i === field.length) return {value: null, comment: ''};
  if (field[i] === "'") {
    let text = '';
    let j = i + 1;
    let closed = false;
    while (j < field.length) {
      if (field[j] === "'") {
        if (field[j + 1] === "'") {
          text += "'";
          j += 2;
          continue;
        }
        closed = true;
        j++;
        break;
      }
      text += field[j++];
    }
    const card: Omit<ParsedCard, 'keyword'> = {
      value: text.trimEnd(),
      rawString: text,
      comment: commentAfter(field.slice(j)),
    };
    if (!closed) card.problem = 'string value has no closing quote';
    return card;
  }
  if (field[i] === '(') {
    const close = field.indexOf(')', i);
    const inner = close < 0 ? field.slice(i + 1) : field.slice(i + 1, close);
    const parts = inner.split(',').map((p) => parseNumber(p.trim()));
    const comment = close < 0 ? '' : commentAfter(field.slice(close + 1));
    if (close < 0 || parts.length !== 2 || parts.some((p) => p === undefined)) {
      return {value: field.slice(i).trimEnd(), comment, problem: `cannot parse complex value ${field.slice(i).trim()}`};
    }
    return {value: {re: Number(parts[0]), im: Number(parts[1])}, comment};
  }
  const slash = field.indexOf('/', i);
  const token = (slash < 0 ? field.slice(i) : field.slice(i, slash)).trim();
  const comment = slash < 0 ? '' : field.slice(slash + 1).trim();
  if (token === '') return {value: null, comment};
  if (token === 'T') return {value: true, comment};
  if (token === 'F') return {value: false, comment};
  const number = parseNumber(token);
  if (number !== undefined) return {value: number, comment};
  return {value: token, comment, problem: `cannot parse value ${JSON.stringify(token)}`};
}

function commentAfter(rest: string): string {
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(slash + 1).trim();
}

/** Parses a FITS integer or real (with E or Fortran D exponent); `undefined` when the text is neither. */
export function parseNumber(token: string): number | bigint | undefined {
  if (INT_RE.test(token)) {
    const n = Number(token);
    return Number.isSafeInteger(n) ? n : BigInt(token);
  }
  if (FLOAT_RE.test(token)) return Number(token.replace(/[dD]/, 'E'));
  return undefined;
}
