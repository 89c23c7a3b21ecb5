/** Every benchmark `npm run bench` knows, in the order it runs them. Add new ones here. */
import type {Benchmark} from './harness';
import {convNetStep, convNetStepVsForward} from './benchmarks/conv-net.bench';
import {convKernelBenchmarks} from './benchmarks/conv-kernels.bench';
import {mnistLoad} from './benchmarks/mnist.bench';
import {learnerBenchmarks} from './benchmarks/learner.bench';
import {appStartup} from './benchmarks/app-startup.bench';
import {fitsBenchmarks} from './benchmarks/fits.bench';
import {embeddingBenchmarks} from './benchmarks/embedding.bench';

export const benchmarks: Benchmark[] = [convNetStep, convNetStepVsForward, ...convKernelBenchmarks, mnistLoad, ...learnerBenchmarks, appStartup, ...fitsBenchmarks, ...embeddingBenchmarks];
