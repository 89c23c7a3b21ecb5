// The synthetic survey: deterministic from its seed, classes balanced yet confusable, masks that follow the light,
// Sérsic profiles with the right normalisation, and FITS/CSV output a thesis-style pipeline can read back.
import {describe, expect, it} from 'vitest';
import {
  BAND_INFO,
  GALAXY_CLASSES,
  generateSyntheticSurvey,
  parseTextTable,
  parseWcs,
  readFits,
  sersicBn,
  SeededRandom,
  syntheticGalaxy,
  syntheticSurveyFiles,
} from '../../../src/lib';
import {addSersic} from '../../../src/lib/astro/synthetic/sersic';

const survey = generateSyntheticSurvey({seed: 11, count: 300, size: 48});

describe('SeededRandom', () => {
  it('is deterministic, uniform and normal', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    const xs = Array.from({length: 20000}, () => a.next());
    expect(Array.from({length: 20000}, () => b.next())).toEqual(xs);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    const g = new SeededRandom(6);
    const zs = Array.from({length: 20000}, () => g.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeCloseTo(1, 1);
    expect(new SeededRandom(5).fork(1).next()).not.toBe(new SeededRandom(5).fork(2).next());
  });
});

describe('Sérsic profiles', () => {
  it('have the right b_n and integrate to their flux', () => {
    expect(sersicBn(1)).toBeCloseTo(1.67835, 5);
    expect(sersicBn(4)).toBeCloseTo(7.66925, 5);
    expect(sersicBn(0.5)).toBeCloseTo(Math.LN2, 6);
    for (const n of [1, 4]) {
      const size = 401;
      const img = new Float32Array(size * size);
      addSersic(img, size, {x: 200, y: 200, flux: 100, re: 3, n, q: 0.7, theta: 0.4});
      const total = img.reduce((s, v) => s + v, 0);
      expect(total / 100, `n = ${n}`).toBeGreaterThan(n === 4 ? 0.95 : 0.99);
      expect(total / 100).toBeLessThan(1.005);
    }
  });
});

describe('generateSyntheticSurvey', () => {
  it('is reproducible from the seed, galaxy by galaxy', () => {
    const again = syntheticGalaxy(17, {seed: 11, size: 48});
    expect(again.bands.H).toEqual(survey.galaxies[17].bands.H);
    expect(again.mask).toEqual(survey.galaxies[17].mask);
    expect(syntheticGalaxy(17, {seed: 12, size: 48}).bands.H).not.toEqual(again.bands.H);
  });

  it('balances the six classes and keeps DISK / DISKSPH / SPH confusable', () => {
    const counts = Object.fromEntries(GALAXY_CLASSES.map((c) => [c, survey.galaxies.filter((g) => g.label === c).length]));
    for (const c of GALAXY_CLASSES) {
      expect(counts[c] / survey.galaxies.length, `${c}: ${JSON.stringify(counts)}`).toBeGreaterThan(0.08);
      expect(counts[c] / survey.galaxies.length, c).toBeLessThan(0.3);
    }
    const smooth = survey.galaxies.filter((g) => ['DISK', 'DISKSPH', 'SPH'].includes(g.type));
    const crossed = smooth.filter((g) => g.label !== g.type && ['DISK', 'DISKSPH', 'SPH'].includes(g.label)).length;
    expect(crossed / smooth.length).toBeGreaterThan(0.04);
    expect(crossed / smooth.length).toBeLessThan(0.3);
    // Labels follow bulge-to-total: spheroid-dominated galaxies are never labelled DISK, pure disks never SPH.
    for (const g of smooth) {
      if (g.bulgeToTotal > 0.8) expect(g.label).not.toBe('DISK');
      if (g.bulgeToTotal < 0.1) expect(g.label).not.toBe('SPH');
    }
  });

  it('computes masks from the noise-free light: main galaxy 2, neighbours 3, background 1', () => {
    const clean = generateSyntheticSurvey({seed: 11, count: 40, size: 48, noise: 0});
    const threshold = 1.5 * BAND_INFO.H.sky;
    for (const g of clean.galaxies) {
      const h = g.bands.H!;
      g.mask.forEach((m, i) => expect(m === 1, `${g.id} pixel ${i}`).toBe(h[i] <= threshold));
      expect(new Set(g.mask).has(3)).toBe(g.neighbours > 0 && g.mask.some((m) => m === 3));
    }
    // With noise: the centre belongs to the galaxy, the background averages to zero, the galaxy stands out.
    let centred = 0;
    const background: number[] = [];
    for (const g of survey.galaxies) {
      const c = (g.size >> 1) * g.size + (g.size >> 1);
      if (g.mask[c] === 2) centred++;
      const h = g.bands.H!;
      let bg = 0;
      let nbg = 0;
      let fg = 0;
      let nfg = 0;
      g.mask.forEach((m, i) => (m === 1 ? ((bg += h[i]), nbg++) : m === 2 ? ((fg += h[i]), nfg++) : 0));
      // Faint wings below the mask threshold stay in the background (as in real segmentation maps), but only as a
      // fraction of the noise: what the mask leaves out is background-like.
      expect(Math.abs(bg / nbg), g.id).toBeLessThan(0.75 * BAND_INFO.H.sky);
      background.push(bg / nbg / BAND_INFO.H.sky);
      if (nfg > 0) expect(fg / nfg, g.id).toBeGreaterThan(2 * BAND_INFO.H.sky);
    }
    expect(centred / survey.galaxies.length).toBeGreaterThan(0.95);
    expect(background.sort((a, b) => a - b)[background.length >> 1]).toBeLessThan(0.25);
  });

  it('writes one FITS per band, a mask FITS and a catalog that read back', () => {
    const small = generateSyntheticSurvey({seed: 3, count: 3, size: 32});
    const files = syntheticSurveyFiles(small);
    expect([...files.keys()]).toEqual([...small.galaxies.flatMap((g) => ['V', 'I', 'J', 'H', 'mask'].map((b) => `${g.id}_${b}.fits`)), 'catalog.csv']);
    const g = small.galaxies[1];
    const h = readFits(files.get(`${g.id}_H.fits`)!).image();
    expect(h.data).toEqual(g.bands.H);
    expect(h.header.get('FILTER')).toBe('F160W');
    const centre = parseWcs(h.header).pixelToWorld(16.5, 16.5);
    expect(centre.ra).toBeCloseTo(g.ra, 9);
    expect(Array.from(readFits(files.get(`${g.id}_mask.fits`)!).image().data)).toEqual(Array.from(g.mask));
    const catalog = parseTextTable(new TextDecoder().decode(files.get('catalog.csv')));
    expect(catalog.strings('CLASS')).toEqual(small.galaxies.map((x) => x.label));
    expect(Array.from(catalog.numbers('f_sph'))).toEqual(small.galaxies.map((x) => x.fractions.fSph));
  });

  it('refuses sizes it cannot make', () => {
    expect(() => generateSyntheticSurvey({size: 1000})).toThrow(/size must be an integer in \[16, 256\]/);
  });
});
