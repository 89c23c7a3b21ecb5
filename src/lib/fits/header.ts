/**
 * A FITS header: ordered cards with typed look-up. Parsing follows astropy where the standard is loose: CONTINUE
 * long strings are joined into one card, HIERARCH keywords lose their prefix, cards without a value indicator keep
 * their text as the value, and string values lose trailing (not leading) spaces.
 */
import {COMMENTARY_KEYWORDS, parseCard, parseValueField, type FitsCard, type FitsHeaderValue} from './card';
import {formatCards} from './card-format';
import {FitsError, type FitsLocation} from './errors';

export const BLOCK = 2880;
export const CARD = 80;

/** Where a card came from in the file (absent for cards made in code). */
interface CardPosition {
  /** 1-based card number in its header. */
  card: number;
  /** Byte offset of the card in the file. */
  offset: number;
}

/** An ordered list of header cards with typed access by keyword (case-insensitive). */
export class FitsHeader {
  private readonly list: FitsCard[];
  private readonly positions: (CardPosition | undefined)[];
  /** The HDU this header belongs to (for error messages), when it was read from a file. */
  readonly hduIndex: number | undefined;

  /** Makes a header from cards (copied), e.g. `new FitsHeader([{keyword: 'OBJECT', value: 'M13', comment: ''}])`. */
  constructor(cards: readonly FitsCard[] = [], positions?: readonly (CardPosition | undefined)[], hduIndex?: number) {
    this.list = cards.map((c) => ({...c}));
    this.positions = positions ? [...positions] : cards.map(() => undefined);
    this.hduIndex = hduIndex;
  }

  /** Makes a header from a plain record of keyword → value (in insertion order). */
  static fromRecord(record: Readonly<Record<string, FitsHeaderValue>>): FitsHeader {
    return new FitsHeader(Object.entries(record).map(([keyword, value]) => ({keyword: keyword.toUpperCase(), value, comment: ''})));
  }

  /** All cards in order, including COMMENT, HISTORY and blank-keyword cards. */
  get cards(): readonly FitsCard[] {
    return this.list;
  }

  /** The value of the first card with this keyword (HIERARCH keywords with or without the prefix). */
  get(key: string): FitsHeaderValue | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.list[i].value;
  }

  /** Whether a card with this keyword exists. */
  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Every value of this keyword in order, e.g. all COMMENT or HISTORY lines. */
  getAll(key: string): FitsHeaderValue[] {
    const k = normalizeKey(key);
    return this.list.filter((c) => c.keyword === k).map((c) => c.value);
  }

  /** The value as a number (bigint converted); `undefined` when absent or not numeric. */
  getNumber(key: string): number | undefined {
    const v = this.get(key);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return undefined;
  }

  /** The value as a string; `undefined` when absent or not a string. */
  getString(key: string): string | undefined {
    const v = this.get(key);
    return typeof v === 'string' ? v : undefined;
  }

  /** The value as a logical; `undefined` when absent or not a logical. */
  getBoolean(key: string): boolean | undefined {
    const v = this.get(key);
    return typeof v === 'boolean' ? v : undefined;
  }

  /** Keywords in order (repeated keywords appear once). */
  keys(): string[] {
    return [...new Set(this.list.map((c) => c.keyword))];
  }

  /** Sets the first card with this keyword (keeping its place), or appends one. Returns this header. */
  set(key: string, value: FitsHeaderValue, comment?: string): this {
    const keyword = normalizeKey(key);
    const i = this.indexOf(keyword);
    if (i >= 0 && !COMMENTARY_KEYWORDS.has(keyword)) {
      this.list[i] = {...this.list[i], value, comment: comment ?? this.list[i].comment};
    } else {
      this.list.push({keyword, value, comment: comment ?? '', ...(COMMENTARY_KEYWORDS.has(keyword) ? {commentary: true} : {})});
      this.positions.push(undefined);
    }
    return this;
  }

  /** Inserts a card at position `index` (0-based), moving any existing card with that keyword there. */
  insert(index: number, card: FitsCard): this {
    const old = COMMENTARY_KEYWORDS.has(card.keyword) ? -1 : this.indexOf(card.keyword);
    let position: CardPosition | undefined;
    if (old >= 0) {
      position = this.positions[old];
      this.list.splice(old, 1);
      this.positions.splice(old, 1);
      if (old < index) index--;
    }
    const at = Math.max(0, Math.min(index, this.list.length));
    this.list.splice(at, 0, {...card});
    this.positions.splice(at, 0, position);
    return this;
  }

  /** Removes every card with this keyword. Returns this header. */
  delete(key: string): this {
    const k = normalizeKey(key);
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (this.list[i].keyword === k) {
        this.list.splice(i, 1);
        this.positions.splice(i, 1);
      }
    }
    return this;
  }

  /** Position (0-based) of the first card with this keyword, -1 when absent. */
  indexOf(key: string): number {
    const k = normalizeKey(key);
    return this.list.findIndex((c) => c.keyword === k);
  }

  /** An independent copy. */
  clone(): FitsHeader {
    return new FitsHeader(this.list, this.positions, this.hduIndex);
  }

  /** Keyword → first value, without commentary cards. */
  toRecord(): Record<string, FitsHeaderValue> {
    const out: Record<string, FitsHeaderValue> = {};
    for (const c of this.list) if (!c.commentary && !(c.keyword in out)) out[c.keyword] = c.value;
    return out;
  }

  /** The header as FITS card images, one 80-character line each (as a header viewer shows it), END last. */
  toString(): string {
    return formatCards(this.list).join('\n') + '\n' + 'END'.padEnd(CARD);
  }

  /** Where a keyword's card sits in the file (for error messages). */
  locate(key: string): FitsLocation {
    const i = this.indexOf(key);
    const pos = i < 0 ? undefined : this.positions[i];
    return {hdu: this.hduIndex, ...(pos ? {card: pos.card, offset: pos.offset} : {})};
  }

  /** An integer keyword that must be present, checked and located for the error message. */
  requireInt(key: string, min = -Infinity, max = Infinity): number {
    const v = this.get(key);
    if (v === undefined) throw new FitsError(`required keyword ${key} is missing`, {hdu: this.hduIndex});
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw new FitsError(`${key} = ${JSON.stringify(String(v))} is not an integer`, this.locate(key));
    }
    if (n < min || n > max) throw new FitsError(`${key} = ${n} is out of range [${min}, ${max}]`, this.locate(key));
    return n;
  }

  /** An optional numeric keyword with a default; present but not numeric is an error. */
  optionalNumber(key: string, fallback: number): number {
    const v = this.get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    throw new FitsError(`${key} = ${JSON.stringify(String(v))} is not a number`, this.locate(key));
  }
}

function normalizeKey(key: string): string {
  const k = key.trim().toUpperCase();
  return k.startsWith('HIERARCH ') ? k.slice(9).trim().replace(/\s+/g, ' ') : k;
}

/** Result of reading a header from bytes. */
export interface ParsedHeader {
  header: FitsHeader;
  /** Byte offset of the first byte after the header's last (padded) block. */
  end: number;
}

/**
 * Finds the END card of a header starting at `start` (a block boundary). Returns the byte offset of the END card,
 * or -1 when the bytes run out first.
 */
export function findEnd(bytes: Uint8Array, start: number): number {
  for (let at = start; at + CARD <= bytes.length; at += CARD) {
    // 'END' followed by 5 spaces.
    if (bytes[at] === 69 && bytes[at + 1] === 78 && bytes[at + 2] === 68 && isSpaces(bytes, at + 3, at + 8)) return at;
  }
  return -1;
}

function isSpaces(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 32) return false;
  return true;
}

/**
 * Parses the header that starts at byte `start` of `bytes`. `fileOffset` is added to byte offsets in messages (for
 * slices of a larger file). Non-printable bytes are replaced by '?' with a warning, as astropy does.
 */
export function parseHeader(
  bytes: Uint8Array,
  start: number,
  hdu: number,
  warnings: string[],
  fileOffset = 0,
): ParsedHeader {
  const endAt = findEnd(bytes, start);
  if (endAt < 0) {
    const cards = Math.floor((bytes.length - start) / CARD);
    throw new FitsError(
      `header has no END card: the file ends after ${cards} cards (${bytes.length - start} bytes) of this header`,
      {hdu, offset: fileOffset + start},
    );
  }
  const raw: {image: string; position: CardPosition}[] = [];
  for (let at = start, n = 1; at < endAt; at += CARD, n++) {
    let image = '';
    let bad = false;
    for (let i = at; i < at + CARD; i++) {
      const b = bytes[i];
      if (b < 32 || b > 126) {
        bad = true;
        image += '?';
      } else image += String.fromCharCode(b);
    }
    if (bad) warnings.push(`HDU ${hdu}, card ${n} (byte ${fileOffset + at}): non-printable characters replaced by '?'`);
    raw.push({image, position: {card: n, offset: fileOffset + at}});
  }
  const cards: FitsCard[] = [];
  const positions: CardPosition[] = [];
  for (let i = 0; i < raw.length; i++) {
    const first = i;
    const parsed = parseCard(raw[i].image);
    if (parsed.problem) {
      warnings.push(`HDU ${hdu}, card ${raw[i].position.card} (byte ${raw[i].position.offset}): ${parsed.keyword}: ${parsed.problem}`);
    }
    let {value, comment} = parsed;
    // OGIP long strings: a string ending in '&' continues in the CONTINUE cards that follow.
    if (parsed.rawString !== undefined && endsWithAmpersand(parsed.rawString) && raw[i + 1]?.image.startsWith('CONTINUE')) {
      const pieces = [stripAmpersand(parsed.rawString)];
      const comments = comment ? [comment] : [];
      let more = true;
      while (more && raw[i + 1]?.image.startsWith('CONTINUE')) {
        i++;
        const next = parseValueField(raw[i].image.slice(8));
        const text = next.rawString ?? '';
        more = endsWithAmpersand(text);
        pieces.push(more ? stripAmpersand(text) : text.trimEnd());
        if (next.comment) comments.push(next.comment);
      }
      value = pieces.join('').trimEnd();
      comment = comments.join(' ');
    }
    const card: FitsCard = {keyword: parsed.keyword, value, comment};
    if (parsed.commentary) card.commentary = true;
    if (parsed.hierarch) card.hierarch = true;
    cards.push(card);
    positions.push(raw[first].position);
  }
  const headerBytes = endAt + CARD - start;
  return {header: new FitsHeader(cards, positions, hdu), end: start + Math.ceil(headerBytes / BLOCK) * BLOCK};
}

function endsWithAmpersand(text: string): boolean {
  return text.trimEnd().endsWith('&');
}

function stripAmpersand(text: string): string {
  const t = text.trimEnd();
  return t.slice(0, -1);
}
