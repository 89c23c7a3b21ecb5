/**
 * The synthetic survey: deterministic (seed → same galaxies) HST/CANDELS-like cut-outs in four bands with PSF,
 * sky and source noise, neighbours, true vote fractions and segmentation masks (1 background, 2 main galaxy,
 * 3 neighbour) computed from the noise-free PSF-convolved models. Galaxy k depends only on (seed, k), so any range
 * can be regenerated alone. Output mirrors what the thesis pipeline read: one FITS per band, a mask FITS and a
 * catalog, so notebooks written against it run on real CANDELS cut-outs unchanged.
 */
import {writeFits} from '../../fits';
import {Catalog} from '../catalog/catalog';
import {huertasCompanyLabel, type GalaxyClass, type GalaxyFractions} from '../galaxy/labels';
import {drawGalaxy, drawNeighbour, SURVEY_BANDS, SYNTHETIC_TYPES, type Component, type SurveyBand, type SyntheticType} from './galaxy-model';
import {convolvePsf, type PsfSpec} from './psf';
import {SeededRandom} from './random';
import {addGaussian, addSersic} from './sersic';

/** Per-band instrument: HST filter, PSF FWHM (pixels of 0.06"), AB zero point and sky noise (counts per pixel). */
export const BAND_INFO: Record<SurveyBand, {filter: string; fwhm: number; zeropoint: number; sky: number}> = {
  V: {filter: 'F606W', fwhm: 1.8, zeropoint: 26.49, sky: 0.012},
  I: {filter: 'F814W', fwhm: 1.9, zeropoint: 25.94, sky: 0.012},
  J: {filter: 'F125W', fwhm: 2.6, zeropoint: 26.23, sky: 0.016},
  H: {filter: 'F160W', fwhm: 3.0, zeropoint: 25.96, sky: 0.018},
};

/** Pixel scale of the stamps, arcsec per pixel. */
export const PIXEL_SCALE = 0.06;

/** Options of the synthetic survey. */
export interface SyntheticSurveyOptions {
  /** Seed of the whole survey (default 1). */
  seed?: number;
  /** Number of galaxies (default 1000). */
  count?: number;
  /** Stamp size in pixels (default 64, at most 256); galaxy sizes scale with it. */
  size?: number;
  /** Bands to make (default V, I, J, H). */
  bands?: readonly SurveyBand[];
  /** Relative frequency of each generative type (default 1 each, 0.5 for PS and UNC, so NONE is about 1/6). */
  typeWeights?: Partial<Record<SyntheticType, number>>;
  /** PSF shape (default Gaussian, separable and fast; Moffat is slower). */
  psf?: 'gaussian' | 'moffat';
  /** Multiplies the sky noise (default 1; 0 for noise-free stamps). */
  noise?: number;
  /** Add neighbouring galaxies and stars (default true). */
  neighbours?: boolean;
  /** Mask threshold in units of the H-band sky noise (default 1.5). */
  maskThreshold?: number;
  /** Called after each galaxy with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** One synthetic galaxy stamp. */
export interface SyntheticGalaxy {
  /** 0-based index in the survey and a readable id (`SYN000042`). */
  index: number;
  id: string;
  /** Sky position of the stamp centre (degrees). */
  ra: number;
  dec: number;
  /** What was generated, and the label its vote fractions give (Huertas-Company thresholds). */
  type: SyntheticType;
  label: GalaxyClass;
  fractions: GalaxyFractions;
  magnitude: number;
  /** Effective radius (pixels), bulge-to-total and clump light fractions of the main galaxy. */
  re: number;
  bulgeToTotal: number;
  clumpFraction: number;
  neighbours: number;
  size: number;
  /** Noisy images per band, row-major size × size, row 0 = FITS y = 1. */
  bands: Partial<Record<SurveyBand, Float32Array>>;
  /** 1 background, 2 main galaxy, 3 neighbour. */
  mask: Uint8Array;
}

/** A generated survey. */
export interface SyntheticSurvey {
  galaxies: SyntheticGalaxy[];
  /** One row per galaxy: ID, RA, DEC, TYPE, CLASS, f_sph, f_disk, f_irr, f_ps, f_unc, MAG_H, RE_PIX, BT, CLUMP_FRAC. */
  catalog: Catalog;
  options: Required<Omit<SyntheticSurveyOptions, 'onProgress' | 'typeWeights'>> & {typeWeights: Record<SyntheticType, number>};
}

function resolve(options: SyntheticSurveyOptions): SyntheticSurvey['options'] {
  const size = options.size ?? 64;
  if (!Number.isInteger(size) || size < 16 || size > 256) throw new Error(`synthetic survey: size must be an integer in [16, 256], got ${size}`);
  const count = options.count ?? 1000;
  if (!Number.isInteger(count) || count < 0) throw new Error(`synthetic survey: count must be a non-negative integer, got ${count}`);
  const typeWeights = Object.fromEntries(SYNTHETIC_TYPES.map((t) => [t, options.typeWeights?.[t] ?? (t === 'PS' || t === 'UNC' ? 0.5 : 1)])) as Record<SyntheticType, number>;
  return {
    seed: options.seed ?? 1,
    count,
    size,
    bands: options.bands ?? SURVEY_BANDS,
    typeWeights,
    psf: options.psf ?? 'gaussian',
    noise: options.noise ?? 1,
    neighbours: options.neighbours ?? true,
    maskThreshold: options.maskThreshold ?? 1.5,
  };
}

// Each component's unit-flux profile is rendered once and shared by all bands (only its flux differs per band).
function unitProfiles(components: readonly Component[], size: number, noiseFloor: number): Float32Array[] {
  return components.map((c) => {
    const out = new Float32Array(size * size);
    // Light far below the noise is not worth evaluating: stop where it is under 1/100 of the sky noise.
    const floor = noiseFloor / Math.max(...c.flux);
    if (c.kind === 'sersic') addSersic(out, size, {x: c.x, y: c.y, re: c.re, n: c.n, q: c.q, theta: c.theta, flux: 1, floor});
    else addGaussian(out, size, c.x, c.y, c.sigma, 1);
    return out;
  });
}

function combine(components: readonly Component[], profiles: readonly Float32Array[], band: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  components.forEach((c, k) => {
    const flux = c.flux[band];
    const p = profiles[k];
    for (let i = 0; i < out.length; i++) out[i] += flux * p[i];
  });
  return out;
}

/** Generates galaxy `index` of the survey defined by `options` (independent of the others). */
export function syntheticGalaxy(index: number, options: SyntheticSurveyOptions = {}): SyntheticGalaxy {
  return makeGalaxy(index, resolve(options));
}

function makeGalaxy(index: number, o: SyntheticSurvey['options']): SyntheticGalaxy {
  const rng = new SeededRandom(o.seed).fork(index);
  const {size, bands} = o;
  const weights = SYNTHETIC_TYPES.map((t) => o.typeWeights[t]);
  const type = SYNTHETIC_TYPES[rng.weighted(weights)];
  const zp = BAND_INFO.H.zeropoint;
  const model = drawGalaxy(rng, type, size, bands, zp);
  const neighbours: Component[][] = [];
  if (o.neighbours) {
    const galaxies = rng.next() < 0.6 ? 1 + rng.int(2) : 0;
    for (let k = 0; k < galaxies; k++) neighbours.push(drawNeighbour(rng, size, bands, zp, false));
    if (rng.next() < 0.3) neighbours.push(drawNeighbour(rng, size, bands, zp, true));
  }
  const others = neighbours.flat();
  const ra = 150.1 + rng.uniform(-0.1, 0.1);
  const dec = 2.2 + rng.uniform(-0.1, 0.1);
  const images: Partial<Record<SurveyBand, Float32Array>> = {};
  const hIndex = bands.indexOf('H');
  let mainDetect: Float32Array | undefined;
  let otherDetect: Float32Array | undefined;
  const noiseFloor = 1e-2 * Math.min(...bands.map((b) => BAND_INFO[b].sky));
  const mainProfiles = unitProfiles(model.components, size, noiseFloor);
  const otherProfiles = unitProfiles(others, size, noiseFloor);
  bands.forEach((band, b) => {
    const info = BAND_INFO[band];
    const psf: PsfSpec = {kind: o.psf, fwhm: info.fwhm * Math.max(1, size / 128)};
    const mainLight = combine(model.components, mainProfiles, b, size);
    const otherLight = combine(others, otherProfiles, b, size);
    let signal: Float32Array;
    if (b === (hIndex >= 0 ? hIndex : bands.length - 1)) {
      // The detection band keeps the main galaxy and its neighbours apart, for the mask.
      mainDetect = convolvePsf(mainLight, size, psf);
      otherDetect = others.length ? convolvePsf(otherLight, size, psf) : new Float32Array(size * size);
      signal = mainDetect.map((v, i) => v + otherDetect![i]);
    } else {
      for (let i = 0; i < mainLight.length; i++) mainLight[i] += otherLight[i];
      signal = convolvePsf(mainLight, size, psf);
    }
    const sky = info.sky * o.noise;
    const image = new Float32Array(size * size);
    for (let i = 0; i < image.length; i++) {
      // Sky noise plus the sources' own (Poisson-like) noise for an effective gain of 1000 e-/count.
      const sd = Math.sqrt(sky * sky + (o.noise > 0 ? Math.max(signal[i], 0) / 1000 : 0));
      image[i] = signal[i] + (sd > 0 ? rng.normal(0, sd) : 0);
    }
    images[band] = image;
  });
  const detectionSky = BAND_INFO[hIndex >= 0 ? 'H' : bands[bands.length - 1]].sky;
  const threshold = o.maskThreshold * detectionSky;
  const mask = new Uint8Array(size * size);
  for (let i = 0; i < mask.length; i++) {
    const m = mainDetect![i];
    const n = otherDetect![i];
    mask[i] = m + n > threshold ? (m >= n ? 2 : 3) : 1;
  }
  return {
    index,
    id: `SYN${String(index).padStart(6, '0')}`,
    ra,
    dec,
    type,
    label: huertasCompanyLabel(model.fractions),
    fractions: model.fractions,
    magnitude: model.magnitude,
    re: model.re,
    bulgeToTotal: model.light.bulge,
    clumpFraction: model.light.clumps,
    neighbours: neighbours.length,
    size,
    bands: images,
    mask,
  };
}

/** Generates a whole survey (1,000 64-pixel galaxies take about a second or two in Node). */
export function generateSyntheticSurvey(options: SyntheticSurveyOptions = {}): SyntheticSurvey {
  const o = resolve(options);
  const galaxies: SyntheticGalaxy[] = [];
  for (let i = 0; i < o.count; i++) {
    galaxies.push(makeGalaxy(i, o));
    options.onProgress?.(i + 1, o.count);
  }
  return {galaxies, catalog: surveyCatalog(galaxies), options: o};
}

/** The catalog of a list of synthetic galaxies. */
export function surveyCatalog(galaxies: readonly SyntheticGalaxy[]): Catalog {
  const col = (f: (g: SyntheticGalaxy) => number) => galaxies.map(f);
  return Catalog.fromColumns([
    {name: 'ID', values: galaxies.map((g) => g.id)},
    {name: 'RA', values: col((g) => g.ra), unit: 'deg'},
    {name: 'DEC', values: col((g) => g.dec), unit: 'deg'},
    {name: 'TYPE', values: galaxies.map((g) => g.type), description: 'generative type'},
    {name: 'CLASS', values: galaxies.map((g) => g.label), description: 'Huertas-Company 2015 class from the fractions'},
    {name: 'f_sph', values: col((g) => g.fractions.fSph)},
    {name: 'f_disk', values: col((g) => g.fractions.fDisk)},
    {name: 'f_irr', values: col((g) => g.fractions.fIrr)},
    {name: 'f_ps', values: col((g) => g.fractions.fPs)},
    {name: 'f_unc', values: col((g) => g.fractions.fUnc)},
    {name: 'MAG_H', values: col((g) => g.magnitude), unit: 'mag'},
    {name: 'RE_PIX', values: col((g) => g.re), unit: 'pixel'},
    {name: 'BT', values: col((g) => g.bulgeToTotal)},
    {name: 'CLUMP_FRAC', values: col((g) => g.clumpFraction)},
    {name: 'N_NEIGHBOURS', values: col((g) => g.neighbours)},
  ]);
}

/** The FITS header cards of a stamp: a TAN WCS centred on the galaxy, the filter and its zero point. */
function stampHeader(g: SyntheticGalaxy, band?: SurveyBand): Record<string, string | number> {
  const scale = PIXEL_SCALE / 3600;
  return {
    OBJECT: g.id,
    CTYPE1: 'RA---TAN',
    CTYPE2: 'DEC--TAN',
    CRPIX1: (g.size + 1) / 2,
    CRPIX2: (g.size + 1) / 2,
    CRVAL1: g.ra,
    CRVAL2: g.dec,
    CD1_1: -scale,
    CD1_2: 0,
    CD2_1: 0,
    CD2_2: scale,
    RADESYS: 'ICRS',
    ...(band ? {FILTER: BAND_INFO[band].filter, MAGZERO: BAND_INFO[band].zeropoint, BUNIT: 'electrons/s'} : {MASKCODE: '1 background, 2 galaxy, 3 neighbour'}),
  };
}

/**
 * The survey as files: `<ID>_<band>.fits` per band, `<ID>_mask.fits`, and `catalog.csv` (what a thesis-style
 * pipeline reads).
 */
export function syntheticSurveyFiles(survey: SyntheticSurvey): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const g of survey.galaxies) {
    for (const band of survey.options.bands) {
      files.set(`${g.id}_${band}.fits`, writeFits({data: g.bands[band]!, shape: [g.size, g.size], header: stampHeader(g, band)}));
    }
    files.set(`${g.id}_mask.fits`, writeFits({data: g.mask, shape: [g.size, g.size], header: stampHeader(g)}));
  }
  files.set('catalog.csv', new TextEncoder().encode(survey.catalog.toCsv()));
  return files;
}
