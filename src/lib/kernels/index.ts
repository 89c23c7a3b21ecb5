export {
  registerTrainingKernels,
  useKernelImplementation,
  TRAINING_KERNELS,
  type TrainingKernel,
  type KernelImplementation,
} from './registry';
export {tfjsKernel} from './tfjs-originals';
