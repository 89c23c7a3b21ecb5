// Huertas-Company labels and the thesis' galaxy preprocessing (mask → Lupton RGB → resize/crop) into datasets.
import {describe, expect, it} from 'vitest';
import {
  buildGalaxyDataset,
  galaxyDatasetTensors,
  galaxyImage,
  galaxySampleFromFits,
  galaxySamplesFromSurvey,
  generateSyntheticSurvey,
  huertasCompanyLabel,
  readFits,
  syntheticSurveyFiles,
  THESIS_GALAXY_OPTIONS,
  tf,
} from '../../../src/lib';
import {fixtureBytes, fixtureJson} from '../../helpers/fixtures';

describe('huertasCompanyLabel', () => {
  it('applies the 2/3 and 0.1 thresholds', () => {
    const f = (fSph: number, fDisk: number, fIrr: number) => huertasCompanyLabel({fSph, fDisk, fIrr});
    expect(f(0.9, 0.1, 0.05)).toBe('SPH');
    expect(f(0.2, 0.8, 0.05)).toBe('DISK');
    expect(f(0.7, 0.7, 0.0)).toBe('DISKSPH');
    expect(f(0.5, 0.9, 0.2)).toBe('DISKIRR');
    expect(f(0.3, 0.3, 0.6)).toBe('IRR');
    expect(f(0.3, 0.3, 0.05)).toBe('NONE');
    expect(f(0.9, 0.1, 0.2)).toBe('NONE');
    expect(f(2 / 3, 0.1, 0)).toBe('NONE');
  });
});

describe('galaxy images', () => {
  const bands = fixtureJson<{lupton: {bands: {r: string; g: string; b: string}; cases: {rgb_uint8: number[]}[]}}>('fits/expected.json').lupton;
  const read = (file: string) => readFits(fixtureBytes(`fits/${file}`)).image();
  const [H, J, I] = [read(bands.bands.r), read(bands.bands.g), read(bands.bands.b)];
  const [height, width] = H.shape;

  it('compose the thesis Lupton RGB (equal to astropy within 1/255)', () => {
    const image = galaxyImage({width, height, bands: {I: I.data, J: J.data, H: H.data}});
    expect(image).toMatchObject({width, height, channels: 3});
    const expected = bands.cases[0].rgb_uint8;
    image.data.forEach((v, i) => expect(Math.abs(v * 255 - expected[i])).toBeLessThanOrEqual(1.0001));
  });

  it('apply the mask, add a 4th channel, resize and crop', () => {
    const mask = Uint8Array.from({length: width * height}, (_, i) => (i % width < width / 2 ? 2 : i % 3 === 0 ? 3 : 1));
    const sample = {width, height, bands: {I: I.data, J: J.data, H: H.data, V: I.data}, mask};
    const masked = galaxyImage(sample, {fourthChannel: 'mask'});
    expect(masked.channels).toBe(4);
    mask.forEach((m, i) => {
      if (m !== 2) expect(Array.from(masked.data.subarray(4 * i, 4 * i + 4))).toEqual([0, 0, 0, 0]);
      else expect(masked.data[4 * i + 3]).toBe(1);
    });
    const withV = galaxyImage(sample, {fourthChannel: 'V', keep: 'none'});
    expect(withV.data.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
    const thesis = galaxyImage(sample, THESIS_GALAXY_OPTIONS);
    expect(thesis).toMatchObject({width: 100, height: 100, channels: 3});
    expect(() => galaxyImage({...sample, mask: undefined}, {fourthChannel: 'mask'})).toThrow(/needs a mask/);
    expect(() => galaxyImage(sample, {crop: 500})).toThrow(/crop 500 is larger/);
  });
});

describe('buildGalaxyDataset', () => {
  const survey = generateSyntheticSurvey({seed: 2, count: 12, size: 32});

  it('gives images, labels, regression targets and masks as plain arrays, and tensors on request', () => {
    const ds = buildGalaxyDataset(galaxySamplesFromSurvey(survey), {resize: 40, crop: 24});
    expect(ds.shape).toEqual([12, 24, 24, 3]);
    expect(ds.images.length).toBe(12 * 24 * 24 * 3);
    expect(Array.from(ds.labels)).toEqual(survey.galaxies.map((g) => ds.classNames.indexOf(g.label)));
    expect(Array.from(ds.targets.subarray(0, 5))).toEqual(Array.from(Float32Array.from([survey.galaxies[0].fractions.fSph, survey.galaxies[0].fractions.fDisk, survey.galaxies[0].fractions.fIrr, survey.galaxies[0].fractions.fPs, survey.galaxies[0].fractions.fUnc])));
    expect(ds.masks!.length).toBe(12 * 24 * 24);
    expect(new Set(ds.masks)).toEqual(new Set([1, 2, ...(ds.masks!.includes(3) ? [3] : [])]));
    const before = tf.memory().numTensors;
    const t = galaxyDatasetTensors(ds);
    expect(t.x.shape).toEqual([12, 24, 24, 3]);
    expect(t.y.shape).toEqual([12, 6]);
    const predicted = t.y.argMax(1);
    expect(Array.from(predicted.dataSync())).toEqual(Array.from(ds.labels));
    expect(t.targets.shape).toEqual([12, 5]);
    expect(t.masks!.shape).toEqual([12, 24, 24, 1]);
    tf.dispose([t.x, t.y, t.targets, t.masks!, predicted]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads galaxies from per-band FITS files and a mask file', () => {
    const files = syntheticSurveyFiles(survey);
    const g = survey.galaxies[4];
    const sample = galaxySampleFromFits(
      {I: files.get(`${g.id}_I.fits`)!, J: files.get(`${g.id}_J.fits`)!, H: files.get(`${g.id}_H.fits`)!, mask: files.get(`${g.id}_mask.fits`)!},
      {id: g.id, fractions: g.fractions},
    );
    const fromFits = buildGalaxyDataset([sample]);
    const direct = buildGalaxyDataset([galaxySamplesFromSurvey(survey)[4]]);
    expect(fromFits.images).toEqual(direct.images);
    expect(fromFits.labels).toEqual(direct.labels);
    expect(() => galaxySampleFromFits({I: files.get(`${g.id}_I.fits`)!, J: fixtureBytes('fits/image_u8.fits'), H: files.get(`${g.id}_H.fits`)!})).toThrow(/J is 6x12, H is 32x32/);
  });
});
