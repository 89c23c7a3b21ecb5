/**
 * The kernels tfjs registered before Deep Sky replaced them, by backend and kernel name. Our kernels delegate to them
 * for cases they do not cover (e.g. NCHW data), and the benchmarks run them side by side with ours.
 */
import type * as tf from '@tensorflow/tfjs';

const originals = new Map<string, tf.KernelConfig>();
/** How kernels are keyed here and in the registry: `backend/kernel`. */
export const kernelKey = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/** Remembers tfjs' own kernel before it is replaced. */
export function rememberTfjsKernel(config: tf.KernelConfig): void {
  originals.set(kernelKey(config.kernelName, config.backendName), config);
}

/**
 * tfjs' own implementation of a kernel that Deep Sky replaced on `backendName`, or undefined when tfjs has none there
 * (the wasm training kernels) or it was not replaced.
 */
export function tfjsKernel(kernelName: string, backendName: string): tf.KernelConfig | undefined {
  return originals.get(kernelKey(kernelName, backendName));
}

/** tfjs' implementation, for a case our kernel leaves to it; throws when tfjs has none. */
export function requireTfjsKernel(kernelName: string, backendName: string, why: string): tf.KernelConfig {
  const config = tfjsKernel(kernelName, backendName);
  if (!config) throw new Error(`${kernelName} on '${backendName}': ${why}, and tfjs has no kernel of its own to fall back to.`);
  return config;
}
