/** Every benchmark `npm run bench` knows, in the order it runs them. Add new ones here. */
import type {Benchmark} from './harness';
import {convNetStep} from './benchmarks/conv-net.bench';

export const benchmarks: Benchmark[] = [convNetStep];
