import * as tf from '@tensorflow/tfjs';
import {describe, expect, it} from 'vitest';
import {colormapByName, renderImage} from '../../../src/lib/astro/display';
import {
  astroImageSpec,
  blendMask,
  colormapLut,
  imageGrid,
  imageGridFromTensor,
  imageSpec,
  imageSpecFromTensor,
  segmentationOverlay,
} from '../../../src/lib/plot';
import {expectCloneable} from './clone';

const pixel = (data: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

describe('imageSpec', () => {
  it('keeps RGBA bytes as they are and RGB bytes opaque', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 128]);
    const spec = imageSpec({width: 2, height: 1, data: rgba}, {caption: 'two pixels'});
    expect(spec).toMatchObject({$display: 'image', width: 2, height: 1, caption: 'two pixels'});
    expect(Array.from(spec.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 128]);
    const rgb = imageSpec({width: 1, height: 1, channels: 3, data: new Uint8Array([1, 2, 3])});
    expect(Array.from(rgb.data)).toEqual([1, 2, 3, 255]);
    expectCloneable(spec);
  });

  it('maps scalar floats through a colormap between their min and max (or vmin/vmax), NaN transparent', () => {
    const red = colormapLut((t) => [255 * t, 0, 0]);
    const data = new Float32Array([-1, 0, 1, NaN]);
    const spec = imageSpec({width: 2, height: 2, data}, {colormap: red, colorbar: 'flux'});
    expect(pixel(spec.data, 2, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(spec.data, 2, 1, 0)).toEqual([red[128 * 3], 0, 0, 255]);
    expect(pixel(spec.data, 2, 0, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(spec.data, 2, 1, 1)).toEqual([0, 0, 0, 0]);
    expect(spec.colorbar).toMatchObject({min: -1, max: 1, label: 'flux'});
    expect(spec.colorbar!.lut).toEqual(red);
    const clipped = imageSpec({width: 2, height: 2, data}, {vmin: 0, vmax: 0.5});
    expect(pixel(clipped.data, 2, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(clipped.data, 2, 0, 1)).toEqual([255, 255, 255, 255]);
    expectCloneable(spec);
  });

  it('reads scalar bytes as 0–255, flips rows for origin lower, and takes colormaps by name', () => {
    const spec = imageSpec({width: 1, height: 2, data: new Uint8Array([0, 255])}, {origin: 'lower'});
    expect(Array.from(spec.data)).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    const viridis = colormapByName('viridis');
    const named = imageSpec({width: 2, height: 1, data: [0, 1]}, {colormap: 'viridis_r'});
    expect(Array.from(named.data)).toEqual([...viridis.subarray(765), 255, ...viridis.subarray(0, 3), 255]);
    expect(() => imageSpec({width: 1, height: 1, data: [0]}, {colormap: 'jet' as 'gray'})).toThrow(/unknown colormap "jet"/);
  });

  it('scales float colour images in [0, 1] to bytes', () => {
    const spec = imageSpec({width: 1, height: 1, channels: 3, data: new Float32Array([0, 0.5, 1])});
    expect(Array.from(spec.data)).toEqual([0, 128, 255, 255]);
  });

  it('shrinks images larger than maxSide by averaging', () => {
    const spec = imageSpec({width: 4, height: 2, data: new Uint8Array([0, 255, 0, 0, 255, 255, 0, 0])}, {maxSide: 2});
    expect([spec.width, spec.height]).toEqual([2, 1]);
    expect(Array.from(spec.data)).toEqual([191, 191, 191, 255, 0, 0, 0, 255]);
  });

  it('explains a size mismatch', () => {
    expect(() => imageSpec({width: 3, height: 3, data: new Uint8Array(10)})).toThrow(/expected 1, 3 or 4 values per pixel/);
    expect(() => imageSpec({width: 2, height: 2, channels: 3, data: new Uint8Array(4)})).toThrow(/needs 12 values, got 4/);
  });
});

describe('imageSpecFromTensor', () => {
  it('reads a tensor back asynchronously and leaves it alive', async () => {
    const t = tf.tensor3d([0, 0.5, 1, 0.25, 1, 0], [2, 1, 3]);
    const spec = await imageSpecFromTensor(t, {alt: 'a tensor'});
    expect([spec.width, spec.height, spec.alt]).toEqual([1, 2, 'a tensor']);
    expect(Array.from(spec.data)).toEqual([0, 128, 255, 255, 64, 255, 0, 255]);
    expect(t.isDisposed).toBe(false);
    t.dispose();
  });

  it('takes [1, H, W, C] int32 as bytes and a 2-D bool mask as black and white', async () => {
    const ints = tf.tensor4d([300, 10, 20], [1, 1, 1, 3], 'int32');
    expect(Array.from((await imageSpecFromTensor(ints)).data)).toEqual([255, 10, 20, 255]);
    const mask = tf.tensor2d([[true, false]], [1, 2], 'bool');
    expect(Array.from((await imageSpecFromTensor(mask)).data)).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    await expect(imageSpecFromTensor(tf.zeros([2, 2, 2]))).rejects.toThrow(/got shape \[2, 2, 2\]/);
    tf.dispose([ints, mask]);
  });
});

describe('imageGridFromTensor', () => {
  it('splits a batch tensor into captioned images, each on its own range', async () => {
    const batch = tf.tensor4d([0, 2, 5, 10], [2, 1, 2, 1]);
    const spec = await imageGridFromTensor(batch, {captions: ['a', 'b']});
    expect(spec.items.map((i) => [i.caption, i.image.width, i.image.height])).toEqual([['a', 2, 1], ['b', 2, 1]]);
    expect(Array.from(spec.items[1].image.data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    await expect(imageGridFromTensor(batch, {captions: ['a']})).rejects.toThrow(/1 captions for 2 images/);
    batch.dispose();
  });
});

describe('imageGrid and segmentationOverlay', () => {
  it('makes RGBA cells with captions and colours, each scalar image on its own range', () => {
    const spec = imageGrid(
      [
        {image: {width: 1, height: 2, data: [5, 10]}, caption: 'five', color: 'red'},
        {width: 1, height: 1, data: new Uint8Array([255])},
      ],
      {columns: 4, title: 'two'},
    );
    expect(spec).toMatchObject({$display: 'image-grid', columns: 4, title: 'two'});
    expect(spec.items[0]).toMatchObject({caption: 'five', color: 'red'});
    expect(Array.from(spec.items[0].image.data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(spec.items[1].image.data)).toEqual([255, 255, 255, 255]);
    expectCloneable(spec);
    expect(() => imageGrid([{width: 2, height: 2, data: [1]}])).toThrow(/item 0: .*expected 1, 3 or 4/);
  });

  it('lists the classes present with pixel counts and blends their colours at the given opacity', () => {
    const image = {width: 2, height: 1, data: new Uint8Array([0, 200])};
    const mask = {width: 2, height: 1, data: [2, 0]};
    const spec = segmentationOverlay(image, mask, {classes: ['sky', undefined, {name: 'galaxy', color: [255, 0, 0]}], opacity: 0.5});
    expect(spec.classes).toEqual([
      {code: 0, name: 'sky', color: expect.any(Array), pixels: 1},
      {code: 2, name: 'galaxy', color: [255, 0, 0], pixels: 1},
    ]);
    const blended = blendMask(spec.image, spec.mask, spec.classes, 0.5, [0]);
    expect(pixel(blended, 2, 0, 0)).toEqual([128, 0, 0, 255]);
    expect(pixel(blended, 2, 1, 0)).toEqual([200, 200, 200, 255]);
    expectCloneable(spec);
    expect(() => segmentationOverlay(image, {width: 1, height: 1, data: [0]})).toThrow(/mask is 1x1 but the image is 2x1/);
    expect(() => segmentationOverlay(image, {width: 2, height: 1, data: [0, 1.5]})).toThrow(/pixel 1 is 1.5/);
  });
});

describe('astroImageSpec (the astronomy module\'s display scales)', () => {
  it('renders with its limits, stretch and colormap, origin lower, and a colour bar that follows the stretch', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5, NaN, 100]);
    const image = {width: 4, height: 2, data};
    const options = {interval: {min: 0, max: 8}, stretch: 'sqrt', colormap: 'viridis', colorbar: 'counts'} as const;
    const spec = astroImageSpec(image, options);
    expect(Array.from(spec.data)).toEqual(Array.from(renderImage(image, options).data));
    // Origin lower: the first stored row (0 at its start) is drawn at the bottom; the NaN of the second on top.
    const viridis = colormapByName('viridis');
    expect(pixel(spec.data, 4, 0, 1)).toEqual([...viridis.subarray(0, 3), 255]);
    expect(pixel(spec.data, 4, 2, 0)).toEqual([0, 0, 0, 0]);
    expect(spec.colorbar).toMatchObject({min: 0, max: 8, label: 'counts'});
    // Entry 64 of the bar is the value 64/255 of the way up, drawn at sqrt(64/255) ≈ 0.501 → table entry 128.
    expect(Array.from(spec.colorbar!.lut.subarray(64 * 3, 64 * 3 + 3))).toEqual(Array.from(viridis.subarray(128 * 3, 128 * 3 + 3)));
    expectCloneable(spec);
  });
});
