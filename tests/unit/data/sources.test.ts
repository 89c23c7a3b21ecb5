import {join} from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {
  DataLoaders,
  columnSplitter,
  folderSplitter,
  imagesFromCsv,
  imagesFromFolders,
  imagesLabelledByRegex,
  memoryFile,
  parseCsv,
  randomFlip,
  randomRotate90,
  showBatch,
  type DataFile,
} from '../../../src/lib';
import {filesFromPath, nodeImageDecoder} from '../../../src/lib/node';
import {fixtureBytes} from '../../helpers/fixtures';
import {jpg, pixels, png, writeTree} from './image-files';

afterEach(() => vi.restoreAllMocks());

// Each class's images are distinguishable: cats have red = 10 + i, dogs have red = 200 + i.
const cat = (i: number) => pixels(4, 3, 3, (x, y, c) => (c === 0 ? 10 + i : x * 10 + y + c));
const dog = (i: number) => pixels(4, 3, 3, (x, y, c) => (c === 0 ? 200 + i : 100 + x + y * 7 + c));

describe('images in folders (label = parent folder), read from disk in Node', () => {
  let tree: {root: string; cleanup: () => void};
  beforeAll(() => {
    tree = writeTree({
      'pets/train/cat/1.png': png(4, 3, 3, cat(1)),
      'pets/train/cat/2.png': png(4, 3, 3, cat(2)),
      'pets/train/dog/1.png': png(4, 3, 3, dog(1)),
      'pets/train/dog/2.png': png(4, 3, 3, dog(2)),
      'pets/valid/cat/3.png': png(4, 3, 3, cat(3)),
      'pets/valid/dog/3.png': png(4, 3, 3, dog(3)),
      'pets/valid/dog/copy-of-train-dog-1.png': png(4, 3, 3, dog(1)),
      'pets/README.txt': 'not an image',
      'pets/.DS_Store': 'hidden',
    });
  });
  afterAll(() => tree.cleanup());

  it('labels each image by its folder, keeps the pixels exactly, and records paths and hashes', async () => {
    const files = await filesFromPath(join(tree.root, 'pets'));
    expect(files.map((f) => f.path)).toContain('pets/train/cat/1.png');
    expect(files.some((f) => f.path.includes('.DS_Store'))).toBe(false);
    const progress: number[] = [];
    const dataset = await imagesFromFolders(files, {onProgress: (done) => progress.push(done)});
    expect(dataset.classes).toEqual(['cat', 'dog']);
    expect(dataset.itemShape).toEqual([3, 4, 3]);
    expect(dataset.x).toBeInstanceOf(Uint8Array);
    expect(dataset.sources).toEqual([
      'pets/train/cat/1.png',
      'pets/train/cat/2.png',
      'pets/train/dog/1.png',
      'pets/train/dog/2.png',
      'pets/valid/cat/3.png',
      'pets/valid/dog/3.png',
      'pets/valid/dog/copy-of-train-dog-1.png',
    ]);
    expect(Array.from(dataset.y)).toEqual([0, 0, 1, 1, 0, 1, 1]);
    expect(dataset.x.subarray(36, 72)).toEqual(cat(2));
    expect(dataset.hashes![2]).toBe(dataset.hashes![6]); // same bytes under two names
    expect(progress.length).toBe(7);
  });

  it("splits by the train/valid folders and the leakage guard catches the copied image", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dataset = await imagesFromFolders(await filesFromPath(join(tree.root, 'pets')));
    const dls = DataLoaders.fromDataset(dataset, {split: folderSplitter(), batchSize: 2, seed: 1});
    expect([dls.train.size, dls.valid.size]).toEqual([4, 3]);
    expect(dls.leakage).toMatchObject({sameContent: 1, sameSource: 0});
    expect(dls.leakage!.duplicates[0].sources).toEqual(['pets/train/dog/1.png', 'pets/valid/dog/copy-of-train-dog-1.png']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('pets/valid/dog/copy-of-train-dog-1.png'));
    expect(dls.valid.preview(2)).toMatchObject({label: 'dog', source: 'pets/valid/dog/copy-of-train-dog-1.png'});
  });

  it('the same file listed twice across splits is reported as the same source', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const files = await filesFromPath(join(tree.root, 'pets/train/cat'));
    const dataset = await imagesFromFolders([...files, files[0]]);
    expect(dataset.sources!.slice(0, 2)).toEqual([files[0].path, files[0].path]);
    const dls = DataLoaders.fromDataset(dataset, {split: {train: Int32Array.from([0, 2]), valid: Int32Array.from([1])}, batchSize: 1});
    expect(dls.leakage).toMatchObject({sameSource: 1, sameContent: 0});
  });

  it('says which image has the wrong size, and resizes all of them with `size`', async () => {
    const files = [memoryFile('a/x.png', png(4, 3, 3, cat(1))), memoryFile('a/y.png', png(5, 3, 3, pixels(5, 3, 3, () => 7)))];
    await expect(imagesFromFolders(files, {decode: nodeImageDecoder})).rejects.toThrow(
      /a\/y.png is 5×3 pixels, but a\/x.png is 4×3: all items must have the same size \(pass `size` to resize them all\)/,
    );
    const resized = await imagesFromFolders(files, {decode: nodeImageDecoder, size: [2, 2]});
    expect(resized.itemShape).toEqual([2, 2, 3]);
    expect(Array.from(resized.x.subarray(12))).toEqual(new Array(12).fill(7));
  });

  it('converts channels: grey from RGB by ITU-R 601 luma, RGB from grey by repetition, alpha dropped', async () => {
    const rgb = pixels(2, 1, 3, (x, _y, c) => [[255, 0, 0], [10, 20, 30]][x][c]);
    const grey = await imagesFromFolders([memoryFile('k/a.png', png(2, 1, 3, rgb))], {decode: nodeImageDecoder, channels: 1});
    expect(Array.from(grey.x)).toEqual([Math.round(255 * 0.299), Math.round(10 * 0.299 + 20 * 0.587 + 30 * 0.114)]);
    const fromGrey = await imagesFromFolders([memoryFile('k/g.png', png(2, 1, 1, Uint8Array.from([5, 9])))], {decode: nodeImageDecoder});
    expect(Array.from(fromGrey.x)).toEqual([5, 5, 5, 9, 9, 9]);
    const rgba = await imagesFromFolders([memoryFile('k/t.png', png(1, 1, 4, Uint8Array.from([1, 2, 3, 4])))], {decode: nodeImageDecoder});
    expect(Array.from(rgba.x)).toEqual([1, 2, 3]);
  });

  it('decodes 16-bit PNG (to 8 bits) and JPEG, and refuses WebP in Node with a clear message', async () => {
    const deep = await nodeImageDecoder(png(2, 1, 1, Uint16Array.from([0x1234, 0xff00])), 'd.png');
    expect(Array.from(deep.data)).toEqual([0x12, 0xff]);
    const flat = pixels(8, 8, 4, (_x, _y, c) => (c === 3 ? 255 : [200, 100, 50][c]));
    const decoded = await nodeImageDecoder(jpg(8, 8, flat), 'p.jpg');
    expect(decoded.channels).toBe(3);
    for (let i = 0; i < 64; i++) [200, 100, 50].forEach((v, c) => expect(Math.abs(decoded.data[i * 3 + c] - v)).toBeLessThanOrEqual(3));
    const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);
    await expect(nodeImageDecoder(webp, 'w.webp')).rejects.toThrow(/w.webp: WEBP images cannot be decoded in Node/);
    await expect(nodeImageDecoder(new Uint8Array([1, 2, 3, 4]), 'x.png')).rejects.toThrow(/x.png: not a PNG, JPEG/);
    const broken = png(2, 2, 3, new Uint8Array(12)).subarray(0, 30);
    await expect(nodeImageDecoder(broken, 'broken.png')).rejects.toThrow(/broken.png: could not decode the PNG data/);
  });
});

describe('images labelled by a regular expression', () => {
  const files = [
    memoryFile('pets/Abyssinian_1.png', png(4, 3, 3, cat(1))),
    memoryFile('pets/great_pyrenees_12.png', png(4, 3, 3, dog(1))),
    memoryFile('pets/Abyssinian_2.png', png(4, 3, 3, cat(2))),
  ];

  it('takes the first capture group as the label', async () => {
    const dataset = await imagesLabelledByRegex(files, /^(.+)_\d+\.png$/g, {decode: nodeImageDecoder});
    expect(dataset.classes).toEqual(['Abyssinian', 'great_pyrenees']);
    expect(Array.from(dataset.y)).toEqual([0, 0, 1]);
    // A /g pattern must work for every file, not only every other one.
    await expect(imagesLabelledByRegex(files, /^(.+)_\d+\.png$/g, {decode: nodeImageDecoder})).resolves.toBeDefined();
  });

  it('names the file that does not match', async () => {
    const odd = [...files, memoryFile('pets/readme.png', png(4, 3, 3, cat(0)))];
    await expect(imagesLabelledByRegex(odd, /^(.+)_\d+\.png$/, {decode: nodeImageDecoder})).rejects.toThrow(
      /pets\/readme.png: the label pattern .* does not match 'readme.png'/,
    );
  });
});

describe('images with a CSV', () => {
  const images: Record<string, Uint8Array> = {
    'data/img/a.png': png(4, 3, 3, cat(1)),
    'data/img/b.png': png(4, 3, 3, dog(1)),
    'data/img/c.png': png(4, 3, 3, cat(2)),
  };
  const mask = (v: number) => png(4, 3, 1, pixels(4, 3, 1, (x) => (x < 2 ? 0 : v)));
  const filesWith = (csv: string, extra: Record<string, Uint8Array> = {}): DataFile[] =>
    Object.entries({...images, ...extra, 'data/labels.csv': new TextEncoder().encode(csv)}).map(([p, b]) => memoryFile(p, b));

  it('parses quoted fields, CRLF and a BOM, and rejects ragged rows', () => {
    expect(parseCsv('\ufeffname,label\r\n"a, b.png","say ""hi"""\r\nc.png,x\r\n')).toEqual({header: ['name', 'label'], rows: [['a, b.png', 'say "hi"'], ['c.png', 'x']]});
    expect(() => parseCsv('a,b\n1,2,3\n', 'labels.csv')).toThrow(/labels.csv: row 1 has 3 fields, the header has 2/);
    expect(() => parseCsv('a,b\n"1,2\n', 'x.csv')).toThrow(/x.csv: a quoted field opened before line \d is never closed/);
  });

  it('class labels, with an is_valid column for the split', async () => {
    const files = filesWith('file,label,is_valid\nimg/a.png,cat,False\nimg/b.png,dog,False\nimg/c.png,cat,True\n');
    const dataset = await imagesFromCsv(files, {decode: nodeImageDecoder});
    expect(dataset.classes).toEqual(['cat', 'dog']);
    expect(Array.from(dataset.y)).toEqual([0, 1, 0]);
    expect(dataset.sources).toEqual(['data/img/a.png', 'data/img/b.png', 'data/img/c.png']);
    const dls = DataLoaders.fromDataset(dataset, {split: columnSplitter('is_valid'), batchSize: 2});
    expect([dls.train.size, dls.valid.size]).toEqual([2, 1]);
    expect(dls.valid.preview(0).source).toBe('data/img/c.png');
  });

  it('multi-label lists and regression targets', async () => {
    const multi = await imagesFromCsv(filesWith('file,tags\na.png,cat indoor\nb.png,dog\nc.png,indoor\n'), {decode: nodeImageDecoder, labelDelimiter: ' '});
    expect(multi.target).toBe('multi-label');
    expect(multi.classes).toEqual(['cat', 'dog', 'indoor']);
    expect(Array.from(multi.y)).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 1]);
    const dls = DataLoaders.fromDataset(multi, {split: {train: Int32Array.from([0, 1]), valid: Int32Array.from([2])}, batchSize: 2, checkLeakage: false});
    const batch = dls.train.batchAt(0);
    expect(batch.y.shape).toEqual([2, 3]);
    expect(dls.valid.preview(0).label).toBe('indoor');
    tf.dispose([batch.x, batch.y]);

    const reg = await imagesFromCsv(filesWith('file,size,redshift\na.png,1.5,0.1\nb.png,2,0.25\nc.png,-3,1e-2\n'), {decode: nodeImageDecoder, targetColumns: ['size', 'redshift']});
    expect(reg.target).toBe('regression');
    expect(Array.from(reg.y)).toEqual([1.5, 0.1, 2, 0.25, -3, 0.01].map(Math.fround));
    await expect(imagesFromCsv(filesWith('file,size\na.png,big\nb.png,1\nc.png,2\n'), {decode: nodeImageDecoder, targetColumns: ['size']})).rejects.toThrow(
      /data\/labels.csv row 1: size = 'big' is not a number/,
    );
  });

  it('segmentation masks: read as class codes and checked against the image size', async () => {
    const csv = 'file,mask\nimg/a.png,masks/a.png\nimg/b.png,masks/b.png\nimg/c.png,masks/c.png\n';
    const files = filesWith(csv, {'data/masks/a.png': mask(1), 'data/masks/b.png': mask(2), 'data/masks/c.png': mask(1)});
    const dataset = await imagesFromCsv(files, {decode: nodeImageDecoder, maskColumn: 'mask', classes: ['sky', 'star', 'galaxy']});
    expect(dataset.target).toBe('mask');
    expect(dataset.yShape).toEqual([3, 4]);
    expect(Array.from(dataset.y.subarray(12, 24))).toEqual([0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2]);

    const wrongSize = filesWith(csv, {'data/masks/a.png': png(2, 2, 1, new Uint8Array(4)), 'data/masks/b.png': mask(2), 'data/masks/c.png': mask(1)});
    await expect(imagesFromCsv(wrongSize, {decode: nodeImageDecoder, maskColumn: 'mask'})).rejects.toThrow(
      /data\/masks\/a.png: the mask is 2×2 pixels, its image is 4×3/,
    );
  });

  it('a row whose file is missing names the row and the file', async () => {
    const files = filesWith('file,label\nimg/a.png,cat\nimg/missing.png,dog\n');
    await expect(imagesFromCsv(files, {decode: nodeImageDecoder})).rejects.toThrow(
      /data\/labels.csv row 2: file 'img\/missing.png' is not among the 4 files given \(did you select the whole folder\?\)/,
    );
    await expect(imagesFromCsv(files, {decode: nodeImageDecoder, labelColumn: 'species'})).rejects.toThrow(/no column 'species' for the labels \(columns: file, label\)/);
    const twice = [...filesWith('file,label\na.png,cat\n'), memoryFile('other/a.png', png(4, 3, 3, cat(9)))];
    await expect(imagesFromCsv(twice, {decode: nodeImageDecoder, csv: 'labels.csv'})).rejects.toThrow(/row 1: file 'a.png' matches several of the files given/);
  });
});

describe('FITS files through the FITS module (astropy-written fixtures)', () => {
  it('reads 2-D images (NaN → 0) and cubes as channels, as float32 items', async () => {
    const files = [
      memoryFile('cutouts/a/image_f32_nan.fits', fixtureBytes('fits/image_f32_nan.fits')),
      memoryFile('cutouts/b/image_f64.fits', fixtureBytes('fits/image_f64.fits')),
    ];
    const dataset = await imagesFromFolders(files);
    expect(dataset.x).toBeInstanceOf(Float32Array);
    expect(dataset.itemShape).toEqual([6, 12, 1]);
    expect(dataset.x[0]).toBe(0); // astropy: the first pixel is NaN
    expect(dataset.x[1]).toBeCloseTo(-0.000133460751385428, 9);
    expect(dataset.classes).toEqual(['a', 'b']);

    const cube = await imagesFromFolders([memoryFile('c/x/cube_f32.fits', fixtureBytes('fits/cube_f32.fits'))]);
    expect(cube.itemShape).toEqual([6, 12, 3]);
    expect(cube.x[0]).toBeCloseTo(-0.2576623260974884, 6); // band 0, pixel 0
    expect(cube.x[3]).toBeCloseTo(-0.19380325078964233, 6); // band 0, pixel 1 (channels last)

    const mef = await imagesFromFolders([memoryFile('m/x/multi_extension.fits', fixtureBytes('fits/multi_extension.fits'))]);
    expect(mef.x[0]).toBeCloseTo(-0.5130161046981812, 6); // the first image HDU with data (SCI)
    const err = await imagesFromFolders([memoryFile('m/x/multi_extension.fits', fixtureBytes('fits/multi_extension.fits'))], {fitsHdu: 2});
    expect(err.x[0]).toBeCloseTo(0.05339547619223595, 6);
    await expect(imagesFromFolders([memoryFile('m/x/bad.fits', new Uint8Array(100))])).rejects.toThrow(/m\/x\/bad.fits: /);
  });
});

describe('showBatch', () => {
  it('returns images in stored units and labels; training batches as augmented; masks with segmentation data', async () => {
    const x = Uint8Array.from({length: 6 * 4 * 4}, (_, i) => (i * 13) % 256);
    const y = Int32Array.from([0, 1, 2, 0, 1, 2]);
    const dls = DataLoaders.fromArrays(
      {train: {x, y}, valid: {x, y}, itemShape: [4, 4, 1], classes: ['a', 'b', 'c']},
      {batchSize: 4, normalize: 'data', augment: [randomFlip({p: 1})], shuffle: false, checkLeakage: false},
    );
    const valid = await showBatch(dls, {n: 3, split: 'valid'});
    expect(valid.classes).toEqual(['a', 'b', 'c']);
    expect(valid.items.map((i) => i.label)).toEqual(['a', 'b', 'c']);
    expect(valid.items[1].image).toEqual({width: 4, height: 4, channels: 1, data: x.slice(16, 32)});
    expect(await dls.showBatch({n: 3, split: 'valid'})).toEqual(valid);
    const train = await showBatch(dls, {n: 1});
    const flipped = Uint8Array.from({length: 16}, (_, i) => x[Math.floor(i / 4) * 4 + 3 - (i % 4)]);
    expect(train.items[0].image!.data).toEqual(flipped);
    expect(dls.train.epoch).toBe(0); // showing does not use up an epoch
    expect(JSON.parse(JSON.stringify({...train, items: train.items.map((i) => ({...i, image: {...i.image, data: Array.from(i.image!.data)}}))}))).toBeTruthy();

    const masks = Uint8Array.from({length: 4 * 16}, (_, i) => (i % 4 < 2 ? 1 : 0));
    const seg = DataLoaders.fromArrays(
      {train: {x: x.subarray(0, 64), y: masks}, valid: {x: x.subarray(0, 64), y: masks}, itemShape: [4, 4, 1], yShape: [4, 4], classes: ['bg', 'fg']},
      {batchSize: 4, augment: [randomRotate90()], seed: 3, checkLeakage: false},
    );
    const shown = await showBatch(seg.train, {n: 4});
    for (const item of shown.items) {
      expect(item.mask!.data.length).toBe(16);
      expect(item.label).toBe('mask: bg, fg');
    }
  });
});
