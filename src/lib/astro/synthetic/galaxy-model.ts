/**
 * The generative model of one synthetic galaxy: a type (spheroid, disk, bulge + disk, clumpy disk, irregular, point
 * source, unclassifiable-faint), its components (Sérsic bulge/disk, Gaussian clumps, offset irregular blobs, point
 * source) with band-dependent colours, and the "vote fractions" a panel of classifiers would give it, derived from
 * the light fractions with vote noise. The label then follows from the fractions through the Huertas-Company
 * thresholds, so galaxies near a boundary (B/T ≈ 0.3 or ≈ 0.7) are genuinely ambiguous, as in CANDELS.
 */
import type {GalaxyFractions} from '../galaxy/labels';
import type {SeededRandom} from './random';

/** Bands of the survey, blue to red (HST F606W, F814W, F125W, F160W). */
export const SURVEY_BANDS = ['V', 'I', 'J', 'H'] as const;
/** One survey band. */
export type SurveyBand = (typeof SURVEY_BANDS)[number];

/** Generative types; PS and UNC mostly end up labelled NONE. */
export const SYNTHETIC_TYPES = ['SPH', 'DISK', 'DISKSPH', 'DISKIRR', 'IRR', 'PS', 'UNC'] as const;
/** A generative type. */
export type SyntheticType = (typeof SYNTHETIC_TYPES)[number];

/** Flux ratios V:I:J:H of each kind of component (normalised to H = 1). */
const COLOURS = {
  bulge: [0.25, 0.5, 0.8, 1],
  disk: [0.55, 0.75, 0.9, 1],
  clump: [1.15, 1.0, 0.8, 0.7],
  irregular: [0.8, 0.85, 0.9, 1],
} as const;

/** One light component in stamp pixel coordinates (0-based, pixel centres at integers). */
export type Component =
  | {kind: 'sersic'; x: number; y: number; re: number; n: number; q: number; theta: number; flux: number[]}
  | {kind: 'gaussian'; x: number; y: number; sigma: number; flux: number[]};

/** The main galaxy's model. */
export interface GalaxyModel {
  type: SyntheticType;
  components: Component[];
  /** H-band magnitude of the whole galaxy. */
  magnitude: number;
  /** Light fractions (H band) in bulge, disk, clumps/irregular structure and point source. */
  light: {bulge: number; disk: number; clumps: number; point: number};
  /** Major-axis effective radius of the dominant smooth component, pixels. */
  re: number;
  fractions: GalaxyFractions;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Flux per band for an H-band flux and a colour, with a little per-galaxy colour scatter. */
function fluxes(rng: SeededRandom, total: number, colour: readonly number[], bands: readonly SurveyBand[]): number[] {
  return bands.map((b) => total * colour[SURVEY_BANDS.indexOf(b)] * rng.uniform(0.9, 1.1));
}

/** Flux in counts for an AB magnitude and zero point. */
function fluxFromMagnitude(magnitude: number, zeropoint: number): number {
  return 10 ** (-0.4 * (magnitude - zeropoint));
}

/**
 * Draws the main galaxy of a stamp of `size` pixels centred near (c, c). `scale` stretches sizes (1 for 64-pixel
 * stamps). Flux is in H-band counts for the zero point.
 */
export function drawGalaxy(rng: SeededRandom, type: SyntheticType, size: number, bands: readonly SurveyBand[], zeropoint: number): GalaxyModel {
  const g = size / 64;
  const c = (size - 1) / 2;
  const x = c + rng.uniform(-0.5, 0.5);
  const y = c + rng.uniform(-0.5, 0.5);
  const theta = rng.uniform(0, Math.PI);
  const magnitude = type === 'UNC' ? rng.uniform(24, 25.2) : type === 'PS' ? rng.uniform(19.5, 23.5) : rng.uniform(20, 23);
  const total = fluxFromMagnitude(magnitude, zeropoint);
  const components: Component[] = [];
  const light = {bulge: 0, disk: 0, clumps: 0, point: 0};
  let re = 0;

  const addDisk = (share: number, diskRe: number, q: number) => {
    components.push({kind: 'sersic', x, y, re: diskRe, n: rng.uniform(0.8, 1.3), q, theta, flux: fluxes(rng, total * share, COLOURS.disk, bands)});
    light.disk += share;
  };
  const addBulge = (share: number, bulgeRe: number, n: number) => {
    if (share <= 0) return;
    components.push({kind: 'sersic', x, y, re: bulgeRe, n, q: rng.uniform(0.6, 1), theta: theta + rng.normal(0, 0.2), flux: fluxes(rng, total * share, COLOURS.bulge, bands)});
    light.bulge += share;
  };
  const addClumps = (share: number, spread: number, q: number) => {
    const count = 2 + rng.int(5);
    const weights = Array.from({length: count}, () => rng.uniform(0.3, 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const w of weights) {
      const r = rng.uniform(0.3, 1.5) * spread;
      const phi = rng.uniform(0, 2 * Math.PI);
      const a = r * Math.cos(phi);
      const b = r * Math.sin(phi) * q;
      const cx = x + a * Math.cos(theta) - b * Math.sin(theta);
      const cy = y + a * Math.sin(theta) + b * Math.cos(theta);
      components.push({kind: 'gaussian', x: cx, y: cy, sigma: rng.uniform(0.6, 1.5) * g, flux: fluxes(rng, (total * share * w) / sum, COLOURS.clump, bands)});
    }
    light.clumps += share;
  };

  switch (type) {
    case 'SPH':
    case 'UNC': {
      const smooth = type === 'SPH' || rng.next() < 0.5;
      re = (type === 'UNC' ? rng.uniform(1, 3) : rng.uniform(2.5, 6.5)) * g;
      if (smooth) {
        // Spheroids reach down to B/T = 0.6, overlapping bulge + disk systems.
        const bt = type === 'SPH' ? rng.uniform(0.6, 1) : rng.uniform(0.5, 1);
        addBulge(bt, re, rng.uniform(3, 5.5));
        if (bt < 1) addDisk(1 - bt, re * rng.uniform(1.5, 2.5), rng.uniform(0.3, 1));
      } else addDisk(1, re, rng.uniform(0.3, 1));
      break;
    }
    case 'DISK': {
      re = rng.uniform(4.5, 10) * g;
      const bt = rng.uniform(0, 0.3);
      addDisk(1 - bt, re, rng.uniform(0.2, 1));
      addBulge(bt, re * 0.25, 4);
      break;
    }
    case 'DISKSPH': {
      re = rng.uniform(4.5, 10) * g;
      const bt = rng.uniform(0.2, 0.75);
      addDisk(1 - bt, re, rng.uniform(0.25, 1));
      addBulge(bt, re * rng.uniform(0.2, 0.45), rng.uniform(3, 5));
      break;
    }
    case 'DISKIRR': {
      re = rng.uniform(4.5, 10) * g;
      const q = rng.uniform(0.3, 1);
      const bt = rng.uniform(0, 0.15);
      const cf = rng.uniform(0.06, 0.4);
      addDisk(1 - bt - cf, re, q);
      addBulge(bt, re * 0.25, 4);
      addClumps(cf, re, q);
      break;
    }
    case 'IRR': {
      re = rng.uniform(2.5, 6.5) * g;
      const cf = rng.uniform(0.35, 0.9);
      // An offset, lopsided diffuse body carries the rest of the light; part of it may read as a disturbed disk.
      light.disk += (1 - cf) * rng.uniform(0, 0.7);
      components.push({
        kind: 'sersic',
        x: x + rng.normal(0, 1.5 * g),
        y: y + rng.normal(0, 1.5 * g),
        re,
        n: rng.uniform(0.5, 1),
        q: rng.uniform(0.35, 1),
        theta,
        flux: fluxes(rng, total * (1 - cf), COLOURS.irregular, bands),
      });
      addClumps(cf, re * 1.3, rng.uniform(0.5, 1));
      break;
    }
    case 'PS': {
      const host = rng.next() < 0.3 ? rng.uniform(0.05, 0.2) : 0;
      re = 0.3 * g;
      components.push({kind: 'gaussian', x, y, sigma: 0.3, flux: fluxes(rng, total * (1 - host), COLOURS.irregular.map(() => rng.uniform(0.4, 1.2)), bands)});
      light.point = 1 - host;
      if (host > 0) addDisk(host, rng.uniform(2, 4) * g, rng.uniform(0.4, 1));
      break;
    }
  }
  return {type, components, magnitude, light, re, fractions: voteFractions(rng, type, light)};
}

/** Vote fractions from light fractions, with classifier disagreement as noise. */
function voteFractions(rng: SeededRandom, type: SyntheticType, light: GalaxyModel['light']): GalaxyFractions {
  let fSph = clamp01(sigmoid((light.bulge - 0.25) / 0.07) + rng.normal(0, 0.07));
  let fDisk = clamp01(sigmoid((light.disk - 0.28) / 0.06) + rng.normal(0, 0.07));
  let fIrr = clamp01(light.clumps + rng.normal(0, 0.025));
  const fPs = type === 'PS' ? clamp01(light.point * rng.uniform(0.8, 1) + rng.normal(0, 0.03)) : clamp01(rng.normal(0.03, 0.02));
  const fUnc = type === 'UNC' ? rng.uniform(0.45, 0.9) : clamp01(rng.normal(0.02, 0.02));
  const damp = 1 - Math.max(type === 'PS' ? fPs : 0, type === 'UNC' ? fUnc : 0);
  fSph *= damp;
  fDisk *= damp;
  fIrr *= damp;
  return {fSph, fDisk, fIrr, fPs, fUnc};
}

/** A neighbour: a smaller galaxy or a star away from the centre. */
export function drawNeighbour(rng: SeededRandom, size: number, bands: readonly SurveyBand[], zeropoint: number, star: boolean): Component[] {
  const g = size / 64;
  const c = (size - 1) / 2;
  const r = rng.uniform(0.28, 0.48) * size;
  const phi = rng.uniform(0, 2 * Math.PI);
  const x = c + r * Math.cos(phi);
  const y = c + r * Math.sin(phi);
  if (star) {
    const flux = fluxFromMagnitude(rng.uniform(19, 24), zeropoint);
    return [{kind: 'gaussian', x, y, sigma: 0.3, flux: fluxes(rng, flux, COLOURS.irregular.map(() => rng.uniform(0.4, 1.2)), bands)}];
  }
  const flux = fluxFromMagnitude(rng.uniform(21, 25), zeropoint);
  const spheroid = rng.next() < 0.5;
  return [
    {
      kind: 'sersic',
      x,
      y,
      re: rng.uniform(1.5, 5) * g,
      n: spheroid ? rng.uniform(2.5, 5) : rng.uniform(0.8, 1.3),
      q: rng.uniform(0.3, 1),
      theta: rng.uniform(0, Math.PI),
      flux: fluxes(rng, flux, spheroid ? COLOURS.bulge : COLOURS.disk, bands),
    },
  ];
}
