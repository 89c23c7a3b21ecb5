/**
 * How large a batch the active backend can hold. On WebGPU every tensor is one storage buffer, and a buffer over the
 * device's `maxStorageBufferBindingSize` (128 MiB by default; often 1–2 GiB on desktops) or `maxBufferSize` makes
 * tfjs 4.22 compute silently wrong results — zeros — with no error (tfjs#6507). A model's largest tensor is, to a
 * good approximation, its largest layer output (activations and their gradients have the same shapes), and it grows
 * linearly with the batch: these helpers derive the largest batch that fits and say clearly when one does not.
 *
 * Keep batch shapes fixed while training on WebGPU (drop or pad a last partial batch): tfjs pools freed GPU buffers
 * by exact size and never releases them, so every new batch size adds to GPU memory for the rest of the session.
 */
import * as tf from '@tensorflow/tfjs';
import type {WebGPUBackend} from '@tensorflow/tfjs-backend-webgpu';

const BYTES_PER_ELEMENT = 4; // float32 and int32 alike

/** A model's largest tensor per sample. */
export interface LargestActivation {
  /** The layer (or input) that produces it. */
  layer: string;
  /** Its shape without the batch axis. */
  shape: number[];
  bytesPerSample: number;
}

/** The largest single tensor a backend can hold, and where that limit comes from. */
export interface TensorByteLimit {
  maxBytes: number;
  source: string;
}

/** Options of {@link safeBatchSize} and {@link assertBatchFits}. */
export interface BatchSizeOptions {
  /** Largest tensor allowed, in bytes. Default: {@link tensorByteLimit} of the active backend. */
  maxTensorBytes?: number;
  /** Upper bound on the answer when the backend has no per-tensor limit (cpu, wasm). Default 1024. */
  maxBatch?: number;
}

/** The layer output (or model input) with the most elements per sample, from the model's static shapes. */
export function largestActivation(model: tf.LayersModel): LargestActivation {
  let largest: LargestActivation | undefined;
  const consider = (layer: string, shape: tf.Shape) => {
    const perSample = shape.slice(1);
    if (perSample.some((d) => d === null)) {
      throw new Error(
        `largestActivation: '${layer}' has an output shape with unknown sizes [${shape.map(String)}]; ` +
          'build the model with a fixed input shape (e.g. inputShape: [200, 200, 3]).',
      );
    }
    const dims = perSample as number[];
    const bytesPerSample = tf.util.sizeFromShape(dims) * BYTES_PER_ELEMENT;
    if (!largest || bytesPerSample > largest.bytesPerSample) largest = {layer, shape: dims, bytesPerSample};
  };
  for (const input of model.inputs) consider(`input ${input.name}`, input.shape);
  for (const layer of model.layers) {
    const shapes = layer.outputShape;
    const list = (Array.isArray(shapes[0]) ? shapes : [shapes]) as tf.Shape[];
    for (const shape of list) consider(layer.name, shape);
  }
  if (!largest) throw new Error('largestActivation: the model has no inputs or layers');
  return largest;
}

/**
 * The largest tensor the given (default: active) backend can hold: on WebGPU the device's
 * `min(maxStorageBufferBindingSize, maxBufferSize)`, on WebGL the largest texture (MAX_TEXTURE_SIZE² floats).
 * Undefined for cpu and wasm, which have no per-tensor limit (only the memory of the machine or the 4 GiB wasm heap).
 */
export function tensorByteLimit(backendName: string = tf.getBackend()): TensorByteLimit | undefined {
  if (backendName === 'webgpu') {
    const backend = tf.findBackend('webgpu') as WebGPUBackend | null;
    if (!backend) return undefined;
    const {maxStorageBufferBindingSize, maxBufferSize} = backend.device.limits;
    const binding = maxStorageBufferBindingSize <= maxBufferSize;
    return {
      maxBytes: Math.min(maxStorageBufferBindingSize, maxBufferSize),
      source: binding ? "the WebGPU device's maxStorageBufferBindingSize" : "the WebGPU device's maxBufferSize",
    };
  }
  if (backendName === 'webgl') {
    const side = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
    return {maxBytes: side * side * BYTES_PER_ELEMENT, source: `WebGL's largest texture (${side}×${side} floats)`};
  }
  return undefined;
}

function limitFor(options: BatchSizeOptions): TensorByteLimit | undefined {
  if (options.maxTensorBytes !== undefined) return {maxBytes: options.maxTensorBytes, source: 'the given maxTensorBytes'};
  return tensorByteLimit();
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * The largest batch whose largest activation fits the active backend's per-tensor limit (capped at `maxBatch`).
 * Throws when not even one sample fits.
 *
 * ```ts
 * const batch = Math.min(64, safeBatchSize(model)); // ResNet-18 at 200x200 (stem 100x100x64) on 128 MiB: 52
 * ```
 */
export function safeBatchSize(model: tf.LayersModel, options: BatchSizeOptions = {}): number {
  const maxBatch = options.maxBatch ?? 1024;
  const limit = limitFor(options);
  if (!limit) return maxBatch;
  const largest = largestActivation(model);
  const fits = Math.floor(limit.maxBytes / largest.bytesPerSample);
  if (fits < 1) {
    throw new RangeError(
      `Not even one sample fits: '${largest.layer}' outputs [${largest.shape}] = ${mib(largest.bytesPerSample)} per ` +
        `sample, over ${limit.source} of ${mib(limit.maxBytes)}. Use smaller inputs or fewer channels.`,
    );
  }
  return Math.min(maxBatch, fits);
}

/**
 * Throws a RangeError that says what does not fit and what would, when a batch of `batchSize` would exceed the active
 * backend's per-tensor limit (where tfjs itself would silently return zeros on WebGPU). Does nothing where it fits or
 * where the backend has no such limit.
 */
export function assertBatchFits(model: tf.LayersModel, batchSize: number, options: BatchSizeOptions = {}): void {
  const limit = limitFor(options);
  if (!limit) return;
  const largest = largestActivation(model);
  const bytes = largest.bytesPerSample * batchSize;
  if (bytes <= limit.maxBytes) return;
  const fits = Math.floor(limit.maxBytes / largest.bytesPerSample);
  throw new RangeError(
    `A batch of ${batchSize} does not fit this device: '${largest.layer}' outputs [${largest.shape}] per sample ` +
      `(${mib(largest.bytesPerSample)}), ${mib(bytes)} for the batch, over ${limit.source} of ` +
      `${mib(limit.maxBytes)}; tfjs would silently compute zeros. ` +
      (fits >= 1 ? `Use a batch of at most ${fits} (safeBatchSize(model)).` : 'Not even one sample fits.'),
  );
}
