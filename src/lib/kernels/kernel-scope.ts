/**
 * Composite kernels call other kernels of the same backend directly (not through tfjs ops, which would record on the
 * gradient tape and show up twice in profiles). A scope tracks every intermediate they create so that one `dispose()`
 * frees them all, whatever path the kernel took; the result is handed out with `keep()`.
 */
import * as tf from '@tensorflow/tfjs';

export class KernelScope {
  private readonly owned: tf.TensorInfo[] = [];

  constructor(
    readonly backend: tf.KernelBackend,
    readonly backendName: string,
    /** Names the composite kernel in error messages. */
    readonly caller: string,
  ) {}

  /** Runs `kernelName` of this backend on tensors it holds; the output belongs to the scope until kept. */
  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const config = tf.getKernel(kernelName, this.backendName);
    if (!config) {
      throw new Error(
        `${this.caller} on '${this.backendName}' needs tfjs' '${kernelName}' kernel, which is not registered there.`,
      );
    }
    const out = config.kernelFunc({inputs, backend: this.backend, attrs});
    if (Array.isArray(out)) throw new Error(`${this.caller}: '${kernelName}' returned several tensors; expected one.`);
    this.owned.push(out);
    return out;
  }

  /** Takes ownership of a tensor made outside `run` (e.g. by a GPU program) so that `dispose` frees it too. */
  adopt(info: tf.TensorInfo): tf.TensorInfo {
    this.owned.push(info);
    return info;
  }

  /** Removes `result` (or another view of its data) from the scope: the caller now owns it. */
  keep(result: tf.TensorInfo): tf.TensorInfo {
    const i = this.owned.findIndex((t) => t.dataId === result.dataId);
    if (i >= 0) this.owned.splice(i, 1);
    return result;
  }

  /**
   * Frees one intermediate now (e.g. a per-chunk result), rather than with the scope. Does nothing for a tensor the
   * scope does not hold (the kernel's own inputs, or one already freed), so it never frees the caller's data.
   */
  release(info: tf.TensorInfo): void {
    const i = this.owned.findIndex((t) => t.dataId === info.dataId);
    if (i < 0) return;
    this.owned.splice(i, 1);
    this.backend.disposeData(info.dataId);
  }

  /** Frees every intermediate that was not kept. Call it in a `finally`. */
  dispose(): void {
    for (const t of this.owned.splice(0)) this.backend.disposeData(t.dataId);
  }
}

/**
 * The same data seen with another shape of equal size (a free reshape). Row-major backends (cpu, wasm, webgpu) store
 * every tensor contiguously, so a view needs no copy; it shares the data and must not be disposed separately.
 */
export function view(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  if (tf.util.sizeFromShape(shape) !== tf.util.sizeFromShape(info.shape)) {
    throw new Error(`view: cannot see shape [${info.shape}] as [${shape}] (sizes differ)`);
  }
  return {dataId: info.dataId, shape, dtype: info.dtype};
}

/** Runs `body` with a fresh scope and always frees its intermediates, also when `body` throws. */
export function withKernelScope(
  backend: tf.KernelBackend,
  backendName: string,
  caller: string,
  body: (scope: KernelScope) => tf.TensorInfo,
): tf.TensorInfo {
  const scope = new KernelScope(backend, backendName, caller);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}

/** A kernel's arguments with its named inputs checked present and its attributes typed. */
export interface TypedKernelArgs<Name extends string, Attrs> {
  inputs: Record<Name, tf.TensorInfo>;
  backend: tf.KernelBackend;
  attrs: Attrs;
}

export function typedKernelArgs<Name extends string, Attrs>(
  args: Parameters<tf.KernelFunc>[0],
  kernelName: string,
  names: readonly Name[],
): TypedKernelArgs<Name, Attrs> {
  const inputs = {} as Record<Name, tf.TensorInfo>;
  for (const name of names) {
    const t = args.inputs[name];
    if (!t) throw new Error(`${kernelName}: input '${name}' is missing.`);
    inputs[name] = t;
  }
  return {inputs, backend: args.backend as tf.KernelBackend, attrs: args.attrs as unknown as Attrs};
}
