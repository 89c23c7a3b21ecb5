// luptonRgb equals astropy's make_lupton_rgb on the fixtures' three parameter sets (astropy truncates to uint8,
// so ±1 is allowed).
import {describe, expect, it} from 'vitest';
import {luptonRgb, luptonRgba, readFits} from '../../../src/lib';
import {fixtureBytes, fixtureJson} from '../../helpers/fixtures';

interface LuptonCase {
  stretch: number;
  Q: number;
  minimum: number;
  scale_bgr: [number, number, number] | null;
  rgb_uint8: number[];
  shape: [number, number, number];
}

const {lupton} = fixtureJson<{lupton: {bands: {r: string; g: string; b: string}; cases: LuptonCase[]}}>('fits/expected.json');
const band = (file: string) => readFits(fixtureBytes(`fits/${file}`)).image();

describe('luptonRgb', () => {
  const [r, g, b] = [band(lupton.bands.r), band(lupton.bands.g), band(lupton.bands.b)];
  const [height, width] = r.shape;

  lupton.cases.forEach((c, k) => {
    it(`matches make_lupton_rgb for stretch ${c.stretch}, Q ${c.Q}, minimum ${c.minimum}${c.scale_bgr ? `, scale [b,g,r] ${c.scale_bgr}` : ''}`, () => {
      const scale = c.scale_bgr ? ([c.scale_bgr[2], c.scale_bgr[1], c.scale_bgr[0]] as const) : undefined;
      const rgb = luptonRgb({r: r.data, g: g.data, b: b.data, width, height}, {stretch: c.stretch, Q: c.Q, minimum: c.minimum, ...(scale ? {scale} : {})});
      expect([height, width, 3]).toEqual(c.shape);
      expect(rgb.length).toBe(c.rgb_uint8.length);
      let worst = 0;
      let exact = 0;
      rgb.forEach((v, i) => {
        const d = Math.abs(v - c.rgb_uint8[i]);
        worst = Math.max(worst, d);
        if (d === 0) exact++;
      });
      expect(worst, `case ${k}`).toBeLessThanOrEqual(1);
      expect(exact / rgb.length).toBeGreaterThan(0.999);
    });
  });

  it('keeps hue for saturated pixels, ignores negative bands, and maps NaN to black', () => {
    const rgb = luptonRgb({r: [10, -1, NaN], g: [5, 0.01, 0], b: [1, 0.01, 0], width: 3, height: 1}, {stretch: 0.05, Q: 10});
    expect(rgb[0]).toBe(255);
    expect(rgb[1]).toBe(Math.trunc((255 * 5) / 10));
    expect(Array.from(rgb.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(rgb.subarray(6, 9))).toEqual([0, 0, 0]);
    expect(() => luptonRgb({r: [1], g: [1, 2], b: [1], width: 1, height: 1})).toThrow(/band g has 2 values/);
  });

  it('gives RGBA with the first row at the bottom for display', () => {
    const rgba = luptonRgba({r: [1, 0], g: [1, 0], b: [1, 0], width: 1, height: 2}, {stretch: 0.5, Q: 8});
    expect(Array.from(rgba.data)).toEqual([0, 0, 0, 255, ...Array.from(luptonRgb({r: [1], g: [1], b: [1], width: 1, height: 1}, {stretch: 0.5, Q: 8})), 255]);
  });
});
