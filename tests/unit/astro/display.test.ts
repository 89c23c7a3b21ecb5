// Display limits, stretches and colormaps against astropy/matplotlib conventions; rendering orientation; PNG output
// checked with Node's own zlib and CRC-32.
import {crc32 as nodeCrc32, inflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {colormapByName, crc32, displayLimits, encodePng, imageToTensor, makeStretch, normalizeImage, percentiles, readFits, renderImage, zscale} from '../../../src/lib';
import {astropyAvailable, runPython} from '../../helpers/astropy';
import {fixtureBytes} from '../../helpers/fixtures';

const m13 = () => readFits(fixtureBytes('fits-real/astropy_io_fits_hdu_compressed_tests_data_m13.fits')).image();

describe('display limits', () => {
  it('zscale of M13 is astropy\'s (109, 216.4366865602338)', () => {
    const [lo, hi] = zscale(m13().data);
    expect(lo).toBe(109);
    expect(hi).toBeCloseTo(216.4366865602338, 9);
  });

  it('ignores NaN and infinities; percentile uses linear interpolation', () => {
    const data = [NaN, 4, Infinity, 1, 3, 2, -Infinity];
    expect(displayLimits(data, 'minmax')).toEqual([1, 4]);
    expect(percentiles(data, [0, 50, 100, 25])).toEqual([1, 2.5, 4, 1.75]);
    expect(displayLimits(data, {percentile: 50})).toEqual([1.75, 3.25]);
    expect(displayLimits(data, {min: -1, max: 9})).toEqual([-1, 9]);
  });

  const reason = astropyAvailable();
  it.skipIf(reason !== true)('zscale, percentiles and stretches equal astropy.visualization on real images', () => {
    const sep = readFits(fixtureBytes('fits-real/sep_image.fits')).image().data;
    const cosmos = readFits(fixtureBytes('fits-real/147246.0_150.416558_1.998697_masknoise.fits')).image().data;
    const probe = Array.from({length: 21}, (_, i) => i / 20);
    const ref = runPython<{zscale: number[][]; pct: number[][]; stretch: Record<string, number[]>}>(
      `
import json, sys
import numpy as np
from astropy.visualization import ZScaleInterval, AsymmetricPercentileInterval, LogStretch, SqrtStretch, AsinhStretch, PowerStretch, SinhStretch, SquaredStretch
d = json.load(sys.stdin)
ims = [np.array(d['sep'], dtype=np.float32), np.array(d['cosmos'], dtype=np.float32)]
x = np.array(d['probe'])
st = {'log': LogStretch(), 'sqrt': SqrtStretch(), 'asinh': AsinhStretch(), 'power': PowerStretch(2.5), 'sinh': SinhStretch(), 'squared': SquaredStretch()}
print(json.dumps({
  'zscale': [[float(v) for v in ZScaleInterval().get_limits(im)] for im in ims],
  'pct': [[float(v) for v in AsymmetricPercentileInterval(0.5, 99.7).get_limits(im)] for im in ims],
  'stretch': {k: s(x, clip=True).tolist() for k, s in st.items()},
}))`,
      {sep: Array.from(sep), cosmos: Array.from(cosmos), probe},
    );
    [sep, cosmos].forEach((im, i) => {
      const [lo, hi] = zscale(im);
      expect(lo).toBeCloseTo(ref.zscale[i][0], 6);
      expect(hi).toBeCloseTo(ref.zscale[i][1], 6);
      const [plo, phi] = displayLimits(im, {lower: 0.5, upper: 99.7});
      expect(plo).toBeCloseTo(ref.pct[i][0], 9);
      expect(phi).toBeCloseTo(ref.pct[i][1], 9);
    });
    const specs = {log: 'log', sqrt: 'sqrt', asinh: 'asinh', power: {power: 2.5}, sinh: 'sinh', squared: 'squared'} as const;
    for (const [name, spec] of Object.entries(specs)) {
      const f = makeStretch(spec);
      probe.forEach((x, i) => expect(f(x), `${name}(${x})`).toBeCloseTo(ref.stretch[name][i], 12));
    }
  });
  if (reason !== true) it('astropy comparison skipped', () => console.info(`skipped: ${reason}`));
});

describe('stretches and colormaps', () => {
  it('histogram equalisation spreads values uniformly', () => {
    const data = Float32Array.from({length: 1000}, (_, i) => (i / 999) ** 4);
    const norm = normalizeImage({data, width: 1000, height: 1}, {stretch: 'histeq'});
    for (const i of [0, 250, 500, 999]) expect(norm[i]).toBeCloseTo(i / 999, 6);
  });

  it('cubehelix matches matplotlib\'s LUT rules (values from the research notes)', () => {
    const lut = colormapByName('cubehelix');
    const at = (v: number) => Array.from(lut.subarray(3 * Math.min(255, Math.floor(v * 256)), 3 * Math.min(255, Math.floor(v * 256)) + 3));
    expect(at(0)).toEqual([0, 0, 0]);
    expect(at(1)).toEqual([255, 255, 255]);
    for (const [v, rgb] of [[0.25, [22, 83, 76]], [0.5, [161, 121, 74]], [0.75, [198, 180, 238]]] as const) {
      at(v).forEach((c, i) => expect(Math.abs(c - rgb[i]), `cubehelix(${v})`).toBeLessThanOrEqual(1));
    }
  });

  it('has the published end points of viridis, inferno, magma, and reverses with _r', () => {
    const ends = (name: Parameters<typeof colormapByName>[0]) => [Array.from(colormapByName(name).subarray(0, 3)), Array.from(colormapByName(name).subarray(765))];
    expect(ends('viridis')).toEqual([[0x44, 0x01, 0x54], [0xfd, 0xe7, 0x25]]);
    expect(ends('inferno')).toEqual([[0x00, 0x00, 0x04], [0xfc, 0xff, 0xa4]]);
    expect(ends('magma')).toEqual([[0x00, 0x00, 0x04], [0xfc, 0xfd, 0xbf]]);
    expect(ends('viridis_r')).toEqual([[0xfd, 0xe7, 0x25], [0x44, 0x01, 0x54]]);
    expect(ends('hsv')).toEqual([[255, 0, 0], [255, 0, 0]]);
    expect(ends('heat')).toEqual([[0, 0, 0], [255, 255, 255]]);
    expect(Array.from(colormapByName('gray').subarray(3 * 128, 3 * 129))).toEqual([128, 128, 128]);
    expect(() => colormapByName('jet' as never)).toThrow(/unknown colormap "jet"/);
  });
});

describe('renderImage', () => {
  const image = {data: [0, 1, 2, NaN, 4, 5], width: 3, height: 2};

  it('puts the first stored row at the bottom by default (origin lower) and paints NaN with nanColor', () => {
    const lower = renderImage(image, {colormap: 'gray'});
    expect(lower).toMatchObject({width: 3, height: 2});
    expect(Array.from(lower.data.subarray(12, 16))).toEqual([0, 0, 0, 255]);
    expect(Array.from(lower.data.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    const upper = renderImage(image, {origin: 'upper', nanColor: [255, 0, 0, 255]});
    expect(Array.from(upper.data.subarray(12, 16))).toEqual([255, 0, 0, 255]);
    expect(upper.data[20]).toBe(255);
  });

  it('renders real data with zscale + log + cubehelix, and gives tensors', () => {
    const hdu = m13();
    const rgba = renderImage(hdu, {interval: 'zscale', stretch: 'log', colormap: 'cubehelix'});
    expect(rgba.data.length).toBe(300 * 300 * 4);
    const t1 = imageToTensor(hdu, {interval: 'zscale'});
    const t3 = imageToTensor(image, {colormap: 'viridis'});
    expect(t1.shape).toEqual([300, 300, 1]);
    expect(t3.shape).toEqual([2, 3, 3]);
    const max = t1.max().dataSync()[0];
    expect(max).toBe(1);
    t1.dispose();
    t3.dispose();
  });
});

describe('encodePng', () => {
  it('writes chunks with correct CRCs and rows that inflate and unfilter to the input', () => {
    const width = 7;
    const height = 5;
    const data = Uint8Array.from({length: width * height * 4}, (_, i) => (i * 37 + (i >> 5)) & 0xff);
    const png = encodePng({width, height, data});
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    let at = 8;
    const idat: Uint8Array[] = [];
    while (at < png.length) {
      const len = view.getUint32(at);
      const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
      expect(view.getUint32(at + 8 + len)).toBe(nodeCrc32(png.subarray(at + 4, at + 8 + len)));
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
      at += 12 + len;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const stride = width * 4;
    const out = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)];
      for (let i = 0; i < stride; i++) {
        const a = i >= 4 ? out[y * stride + i - 4] : 0;
        const b = y > 0 ? out[(y - 1) * stride + i] : 0;
        const c = y > 0 && i >= 4 ? out[(y - 1) * stride + i - 4] : 0;
        const p = a + b - c;
        const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter];
        out[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + pred) & 0xff;
      }
    }
    expect(out).toEqual(data);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(() => encodePng({width: 2, height: 2, data: new Uint8Array(3)})).toThrow(/needs 16/);
  });
});
