/**
 * Errors that say what was wrong with a FITS file and where: the HDU (0-based, as astropy numbers them), the header
 * card (1-based, as a person counts lines in a header listing) and the byte offset in the file.
 */

/** Where in a FITS file a problem was found. Every field is optional: a problem may concern a whole HDU. */
export interface FitsLocation {
  /** 0-based HDU index (0 is the primary HDU). */
  hdu?: number;
  /** 1-based card number within that HDU's header. */
  card?: number;
  /** Byte offset from the start of the (decompressed) file. */
  offset?: number;
}

/** A FITS file (or a value handed to the writer) that cannot be read or written as asked. */
export class FitsError extends Error {
  readonly location: FitsLocation;

  constructor(message: string, location: FitsLocation = {}) {
    super(formatLocation(location) + message);
    this.name = 'FitsError';
    this.location = location;
  }
}

function formatLocation({hdu, card, offset}: FitsLocation): string {
  const parts: string[] = [];
  if (hdu !== undefined) parts.push(`HDU ${hdu}`);
  if (card !== undefined) parts.push(`card ${card}`);
  if (offset !== undefined) parts.push(`byte ${offset}`);
  return parts.length ? `FITS ${parts.join(', ')}: ` : 'FITS: ';
}
