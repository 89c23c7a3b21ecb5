/**
 * Huertas-Company et al. (2015) morphological classes for CANDELS galaxies from the five vote fractions (spheroid,
 * disk, irregular, point source, unclassifiable). The fractions are independent (not a partition of unity), so the
 * 5-value regression target wants per-output sigmoids, not a softmax. Thresholds: 2/3 for f_sph and f_disk, 0.1 for
 * f_irr:
 * - SPH: f_sph > 2/3, f_disk < 2/3, f_irr < 0.1
 * - DISK: f_sph < 2/3, f_disk > 2/3, f_irr < 0.1
 * - DISKSPH: f_sph > 2/3, f_disk > 2/3, f_irr < 0.1
 * - DISKIRR: f_sph < 2/3, f_disk > 2/3, f_irr > 0.1
 * - IRR: f_sph < 2/3, f_disk < 2/3, f_irr > 0.1
 * - NONE: anything else.
 */

/** The six classes, in the order used for integer labels. */
export const GALAXY_CLASSES = ['SPH', 'DISK', 'DISKSPH', 'DISKIRR', 'IRR', 'NONE'] as const;

/** A morphological class. */
export type GalaxyClass = (typeof GALAXY_CLASSES)[number];

/** The five vote fractions of Huertas-Company et al. (2015), each in [0, 1]. */
export interface GalaxyFractions {
  fSph: number;
  fDisk: number;
  fIrr: number;
  fPs: number;
  fUnc: number;
}

/** Names of the regression targets, in the order of {@link regressionTargets}. */
export const REGRESSION_TARGETS = ['f_sph', 'f_disk', 'f_irr', 'f_ps', 'f_unc'] as const;

const SPH_DISK = 2 / 3;
const IRR = 0.1;

/** The class of a galaxy from its fractions. */
export function huertasCompanyLabel({fSph, fDisk, fIrr}: Pick<GalaxyFractions, 'fSph' | 'fDisk' | 'fIrr'>): GalaxyClass {
  const sph = fSph > SPH_DISK;
  const noSph = fSph < SPH_DISK;
  const disk = fDisk > SPH_DISK;
  const noDisk = fDisk < SPH_DISK;
  const irr = fIrr > IRR;
  const noIrr = fIrr < IRR;
  if (sph && noDisk && noIrr) return 'SPH';
  if (noSph && disk && noIrr) return 'DISK';
  if (sph && disk && noIrr) return 'DISKSPH';
  if (noSph && disk && irr) return 'DISKIRR';
  if (noSph && noDisk && irr) return 'IRR';
  return 'NONE';
}

/** The integer label (index into {@link GALAXY_CLASSES}). */
export function classIndex(label: GalaxyClass): number {
  return GALAXY_CLASSES.indexOf(label);
}

/** The 5-value regression target [f_sph, f_disk, f_irr, f_ps, f_unc]. */
export function regressionTargets(f: GalaxyFractions): [number, number, number, number, number] {
  return [f.fSph, f.fDisk, f.fIrr, f.fPs, f.fUnc];
}

/** Column names of a fractions catalog (defaults: f_sph, f_disk, f_irr, f_ps, f_unc). */
export interface FractionColumns {
  fSph?: string;
  fDisk?: string;
  fIrr?: string;
  fPs?: string;
  fUnc?: string;
}

/** Reads the five fractions of every row of a catalog (e.g. the Huertas-Company 2015 table). */
export function fractionsFromColumns(columns: (name: string) => ArrayLike<number>, names: FractionColumns = {}): GalaxyFractions[] {
  const get = (key: keyof FractionColumns, fallback: string) => columns(names[key] ?? fallback);
  const [s, d, i, p, u] = [get('fSph', 'f_sph'), get('fDisk', 'f_disk'), get('fIrr', 'f_irr'), get('fPs', 'f_ps'), get('fUnc', 'f_unc')];
  return Array.from({length: s.length}, (_, k) => ({fSph: s[k], fDisk: d[k], fIrr: i[k], fPs: p[k], fUnc: u[k]}));
}
