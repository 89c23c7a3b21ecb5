/**
 * Writes header cards as 80-character card images: fixed-format values right-justified to column 30, strings
 * quoted with `''` escapes (long ones over CONTINUE cards), keywords longer than 8 characters as HIERARCH, and
 * floats in the shortest text that reads back to the same double.
 */
import {COMMENTARY_KEYWORDS, type FitsCard, type FitsHeaderValue} from './card';
import {FitsError} from './errors';

const WIDTH = 80;
const KEYWORD_RE = /^[A-Z0-9_-]{0,8}$/;

/** Formats cards as card images (a long string or comment may take several). */
export function formatCards(cards: readonly FitsCard[]): string[] {
  return cards.flatMap(formatCard);
}

/** Formats one card as one or more 80-character card images. */
export function formatCard(card: FitsCard): string[] {
  const keyword = card.keyword.toUpperCase();
  if (card.commentary || COMMENTARY_KEYWORDS.has(keyword)) return formatCommentary(keyword, card.value);
  const hierarch = card.hierarch || !KEYWORD_RE.test(keyword);
  if (hierarch && !/^[ -~]+$/.test(keyword)) throw new FitsError(`keyword ${JSON.stringify(keyword)} has characters FITS does not allow`);
  if (typeof card.value === 'string') return formatString(keyword, card.value, card.comment, hierarch);
  const value = formatScalar(keyword, card.value);
  const head = hierarch ? `HIERARCH ${keyword} = ${value}` : `${keyword.padEnd(8)}= ${value.padStart(20)}`;
  if (head.length > WIDTH) throw new FitsError(`card for ${keyword} does not fit in 80 characters`);
  return [withComment(head, card.comment)];
}

function formatCommentary(keyword: string, value: FitsHeaderValue): string[] {
  const text = value === null ? '' : String(value);
  if (!/^[ -~]*$/.test(text)) throw new FitsError(`${keyword || 'blank'} card text has non-ASCII characters`);
  const lines: string[] = [];
  for (let i = 0; i === 0 || i < text.length; i += 72) lines.push((keyword.padEnd(8) + text.slice(i, i + 72)).padEnd(WIDTH));
  return lines;
}

function formatScalar(keyword: string, value: Exclude<FitsHeaderValue, string>): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatNumber(keyword, value);
  return `(${formatNumber(keyword, value.re)}, ${formatNumber(keyword, value.im)})`;
}

/**
 * A header number as FITS text: integers plainly (beyond 2^53 with every digit of the double, so BZERO = 2^63 reads
 * `9223372036854775808`, not JavaScript's `9223372036854776000`), other reals as the shortest round-trip form with `E`.
 */
export function formatNumber(keyword: string, value: number): string {
  if (!Number.isFinite(value)) throw new FitsError(`${keyword} = ${value}: FITS headers cannot hold NaN or infinity`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  let text = String(value).toUpperCase();
  const e = text.indexOf('E');
  const mantissa = e < 0 ? text : text.slice(0, e);
  if (!mantissa.includes('.')) text = mantissa + '.0' + (e < 0 ? '' : text.slice(e));
  return text.replace('E+', 'E');
}

function formatString(keyword: string, value: string, comment: string, hierarch: boolean): string[] {
  if (!/^[ -~]*$/.test(value)) throw new FitsError(`${keyword}: string value has non-ASCII characters`);
  const escaped = value.replace(/'/g, "''");
  const prefix = hierarch ? `HIERARCH ${keyword} = ` : `${keyword.padEnd(8)}= `;
  const room = WIDTH - prefix.length - 2;
  if (escaped.length <= room) {
    const quoted = `'${escaped.padEnd(8)}'`;
    return [withComment(prefix + (hierarch ? quoted : quoted.padEnd(20)), comment)];
  }
  if (hierarch) throw new FitsError(`HIERARCH ${keyword}: string too long for one card`);
  // Long string: chunks ending in '&', continued on CONTINUE cards (never splitting a '' escape).
  const chunks: string[] = [];
  let rest = escaped;
  while (rest.length > 0) {
    let n = Math.min(rest.length, 67);
    if (n < rest.length && rest[n - 1] === "'" && countTrailingQuotes(rest.slice(0, n)) % 2 === 1) n--;
    chunks.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  // When the comment does not fit beside the last piece, it gets a CONTINUE card of its own (an empty piece), as
  // astropy writes it, rather than being cut.
  if (comment && `${chunks.length === 1 ? prefix : 'CONTINUE  '}'${chunks.at(-1)}' / ${comment}`.length > WIDTH) chunks.push('');
  return chunks.map((chunk, i) => {
    const last = i === chunks.length - 1;
    const head = (i === 0 ? prefix : 'CONTINUE  ') + `'${chunk}${last ? '' : '&'}'`;
    return last ? withComment(head, comment) : head.padEnd(WIDTH);
  });
}

function countTrailingQuotes(text: string): number {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === "'") n++;
  return n;
}

function withComment(head: string, comment: string): string {
  if (!comment) return head.padEnd(WIDTH);
  if (!/^[ -~]*$/.test(comment)) throw new FitsError(`comment ${JSON.stringify(comment)} has non-ASCII characters`);
  return (head + ' / ' + comment).slice(0, WIDTH).padEnd(WIDTH);
}
