/**
 * Astronomy tools on top of the FITS reader: WCS, display scales and colormaps, Lupton RGB, catalogs and
 * cross-matching, cut-outs, galaxy datasets (Huertas-Company labels) and a seeded synthetic survey.
 */
export type {HeaderLike} from './header-like';
export * from './wcs';
export * from './image';
export * from './display';
export * from './color';
export * from './catalog';
export * from './cutout';
export * from './galaxy';
export * from './synthetic';
