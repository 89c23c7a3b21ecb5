/// <reference lib="webworker" />
/**
 * In a worker, as the kernel does: MNIST from the URLs Vite serves from the installed package, images decoded with
 * createImageBitmap + OffscreenCanvas, and the IndexedDB download cache.
 */
import {mnistUrls} from '../../../src/app/kernel/mnist-urls';
import {
  classCounts,
  downloadVerified,
  imagesFromFolders,
  indexedDbCache,
  loadMnist,
  memoryFile,
  setMnistSource,
  sha256Hex,
} from '../../../src/lib/data';

export interface DataWorkerReport {
  error?: string;
  mnist?: {train: number; test: number; trainCounts: number[]; testCounts: number[]; firstLabels: number[]};
  png?: {itemShape: number[]; classes: string[]; pixels: number[]; expected: number[]};
  webp?: {itemShape: number[]; maxError: number};
  cache?: {fetches: number; sameBytes: boolean; stored: number};
}

async function imageFile(type: string, rgb: number[][]): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(rgb.length, 1);
  const context = canvas.getContext('2d')!;
  const data = context.createImageData(rgb.length, 1);
  rgb.forEach(([r, g, b], i) => data.data.set([r, g, b, 255], i * 4));
  context.putImageData(data, 0, 0);
  return new Uint8Array(await (await canvas.convertToBlob({type, quality: 1})).arrayBuffer());
}

async function run(): Promise<DataWorkerReport> {
  setMnistSource(mnistUrls);
  const {train, test} = await loadMnist();
  const report: DataWorkerReport = {
    mnist: {
      train: train.count,
      test: test.count,
      trainCounts: classCounts(train.labels, 10),
      testCounts: classCounts(test.labels, 10),
      firstLabels: Array.from(train.labels.subarray(0, 5)),
    },
  };

  const colours = [[200, 10, 30], [0, 128, 255], [17, 34, 51]];
  const pngs = await imagesFromFolders([memoryFile('set/red/a.png', await imageFile('image/png', colours))]);
  report.png = {itemShape: pngs.itemShape, classes: pngs.classes!, pixels: Array.from(pngs.x), expected: colours.flat()};
  const webps = await imagesFromFolders([memoryFile('set/x/a.webp', await imageFile('image/webp', colours))]);
  report.webp = {itemShape: webps.itemShape, maxError: Math.max(...Array.from(webps.x, (v, i) => Math.abs(v - colours.flat()[i])))};

  const bytes = Uint8Array.from({length: 3000}, (_, i) => i % 251);
  let fetches = 0;
  const fetch = async () => {
    fetches++;
    return new Response(bytes);
  };
  const cache = indexedDbCache('deep-sky-test-cache');
  const sha256 = await sha256Hex(bytes);
  await downloadVerified('https://example.org/file.bin', {fetch, cache, sha256});
  const again = await downloadVerified('https://example.org/file.bin', {fetch, cache, sha256});
  const stored = await cache.get(`https://example.org/file.bin#${sha256}`);
  report.cache = {fetches, sameBytes: again.every((v, i) => v === bytes[i]) && again.length === bytes.length, stored: stored?.length ?? 0};
  return report;
}

run().then(
  (report) => self.postMessage(report),
  (error: unknown) => self.postMessage({error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}),
);
