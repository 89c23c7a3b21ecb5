import {concatBytes} from '../../../src/lib/data/bytes';
import {createHash} from 'node:crypto';
import {gzipSync} from 'fflate';
import {describe, expect, it} from 'vitest';
import {
  downloadVerified,
  encodeIdx,
  loadCifar10,
  loadFashionMnist,
  memoryCache,
  readTar,
  sha256Hex,
  type DownloadProgress,
} from '../../../src/lib';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A fetch that serves `files` by URL (in chunks, so progress can be seen) and counts requests. */
function fakeFetch(files: Record<string, Uint8Array>) {
  const requests: string[] = [];
  const fetch = async (url: string): Promise<Response> => {
    requests.push(url);
    const body = files[url];
    if (!body) return new Response('no such file', {status: 404, statusText: 'Not Found'});
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 1000) controller.enqueue(body.slice(i, i + 1000));
        controller.close();
      },
    });
    return new Response(stream, {headers: {'content-length': String(body.length)}});
  };
  return {fetch, requests};
}

/** A tar archive with ustar headers (enough for readers: name, octal size, type '0'). */
function tar(entries: Record<string, Uint8Array>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, data] of Object.entries(entries)) {
    const header = new Uint8Array(512);
    header.set(new TextEncoder().encode(name), 0);
    header.set(new TextEncoder().encode(data.length.toString(8).padStart(11, '0')), 124);
    header[156] = '0'.charCodeAt(0);
    header.set(new TextEncoder().encode('ustar'), 257);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return concatBytes(blocks);
}

describe('downloadVerified', () => {
  const url = 'https://example.org/data.bin';
  const bytes = Uint8Array.from({length: 4500}, (_, i) => (i * 7) % 256);

  it('computes SHA-256 like node:crypto', async () => {
    expect(await sha256Hex(bytes)).toBe(sha(bytes));
  });

  it('reports progress, verifies the checksum and caches the file', async () => {
    const {fetch, requests} = fakeFetch({[url]: bytes});
    const cache = memoryCache();
    const progress: DownloadProgress[] = [];
    const got = await downloadVerified(url, {sha256: sha(bytes), fetch, cache, onProgress: (p) => progress.push(p)});
    expect(got).toEqual(bytes);
    expect(progress.map((p) => p.loaded)).toEqual([1000, 2000, 3000, 4000, 4500]);
    expect(progress.every((p) => p.total === 4500 && !p.cached)).toBe(true);
    const again = await downloadVerified(url, {sha256: sha(bytes), fetch, cache, onProgress: (p) => progress.push(p)});
    expect(again).toEqual(bytes);
    expect(requests).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({cached: true, loaded: 4500});
  });

  it('rejects damaged downloads without caching them, and replaces a damaged cache entry', async () => {
    const damaged = bytes.slice();
    damaged[10] ^= 1;
    const cache = memoryCache();
    const bad = fakeFetch({[url]: damaged});
    await expect(downloadVerified(url, {sha256: sha(bytes), fetch: bad.fetch, cache})).rejects.toThrow(
      new RegExp(`checksum mismatch: SHA-256 is ${sha(damaged)}, expected ${sha(bytes)}`),
    );
    await cache.put(`${url}#${sha(bytes)}`, damaged);
    const good = fakeFetch({[url]: bytes});
    expect(await downloadVerified(url, {sha256: sha(bytes), fetch: good.fetch, cache})).toEqual(bytes);
    expect(good.requests).toHaveLength(1);
    expect(await cache.get(`${url}#${sha(bytes)}`)).toEqual(bytes);
  });

  it('explains HTTP errors and network failures', async () => {
    const {fetch} = fakeFetch({});
    await expect(downloadVerified(url, {fetch, cache: false})).rejects.toThrow(/data.bin: download failed: HTTP 404 Not Found/);
    const offline = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(downloadVerified(url, {fetch: offline, cache: false})).rejects.toThrow(/download failed \(fetch failed\); are you online.*CORS/);
  });
});

describe('remote data sets (served locally)', () => {
  it('Fashion-MNIST: downloads the four gzipped IDX files from the canonical host and names the classes', async () => {
    const images = Uint8Array.from({length: 3 * 784}, (_, i) => i % 256);
    const files = {
      'train-images-idx3-ubyte.gz': gzipSync(encodeIdx({dtype: 'uint8', dims: [3, 28, 28], data: images})),
      'train-labels-idx1-ubyte.gz': gzipSync(encodeIdx({dtype: 'uint8', dims: [3], data: Uint8Array.from([9, 0, 5])})),
      't10k-images-idx3-ubyte.gz': gzipSync(encodeIdx({dtype: 'uint8', dims: [1, 28, 28], data: images.subarray(0, 784)})),
      't10k-labels-idx1-ubyte.gz': gzipSync(encodeIdx({dtype: 'uint8', dims: [1], data: Uint8Array.from([3])})),
    };
    const base = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';
    const {fetch, requests} = fakeFetch(Object.fromEntries(Object.entries(files).map(([n, b]) => [base + n, b])));
    const checksums = Object.fromEntries(Object.entries(files).map(([n, b]) => [n, sha(b)]));
    const data = await loadFashionMnist({fetch, checksums, cache: false, layout: 'image'});
    expect(requests.sort()).toEqual(Object.keys(files).map((n) => base + n).sort());
    expect(data.train.count).toBe(3);
    expect(data.train.itemShape).toEqual([28, 28, 1]);
    expect(Array.from(data.train.labels, (l) => data.train.classes[l])).toEqual(['Ankle boot', 'T-shirt/top', 'Sandal']);
    expect(data.train.images).toEqual(images);
    // With the published checksums, these local stand-ins are (rightly) rejected.
    await expect(loadFashionMnist({fetch, cache: false})).rejects.toThrow(/expected (3aede38d|a04f1713|346e55b9|67da17c7)/);
  });

  it('CIFAR-10: unpacks the binary archive, planes to channels-last, five training batches and the test batch', async () => {
    const record = (label: number, seed: number) => {
      const r = new Uint8Array(3073);
      r[0] = label;
      for (let i = 1; i < 3073; i++) r[i] = (i * seed) % 251;
      return r;
    };
    const batch = (...records: Uint8Array[]) => {
      const out = new Uint8Array(records.length * 3073);
      records.forEach((r, i) => out.set(r, i * 3073));
      return out;
    };
    const entries: Record<string, Uint8Array> = {'cifar-10-batches-bin/batches.meta.txt': new TextEncoder().encode('airplane\n')};
    for (let i = 1; i <= 5; i++) entries[`cifar-10-batches-bin/data_batch_${i}.bin`] = batch(record(i, i), record(i + 1, i + 10));
    entries['cifar-10-batches-bin/test_batch.bin'] = batch(record(7, 3));
    const archive = gzipSync(tar(entries));
    const url = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
    const {fetch} = fakeFetch({[url]: archive});
    const data = await loadCifar10({fetch, cache: false, checksums: {'cifar-10-binary.tar.gz': sha(archive)}});
    expect(data.train.count).toBe(10);
    expect(data.test.count).toBe(1);
    expect(Array.from(data.train.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(data.test.classes[data.test.labels[0]]).toBe('horse');
    expect(data.train.itemShape).toEqual([32, 32, 3]);
    // Pixel p, channel c of item 0 is byte 1 + c * 1024 + p of its record.
    const r = record(1, 1);
    for (const [p, c] of [[0, 0], [0, 1], [0, 2], [500, 1], [1023, 2]]) expect(data.train.images[p * 3 + c]).toBe(r[1 + c * 1024 + p]);

    const truncated = tar({...entries, 'cifar-10-batches-bin/data_batch_1.bin': new Uint8Array(3000)});
    await expect(loadCifar10({fetch: fakeFetch({[url]: truncated}).fetch, cache: false, checksums: false})).rejects.toThrow(/data_batch_1.bin has 3000 bytes, not a whole number of 3073-byte records/);
  });

  it('readTar reports an entry that runs past the end of the archive', () => {
    const whole = tar({'a.bin': new Uint8Array(2000)});
    expect(readTar(whole).get('a.bin')?.length).toBe(2000);
    expect(() => readTar(whole.subarray(0, 1500))).toThrow(/the entry 'a.bin' claims 2000 bytes but the archive ends at byte 1500/);
  });
});
