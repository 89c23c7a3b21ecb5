/**
 * Deep Sky's library: everything a notebook cell can call. It never depends on the app and also runs in Node.
 * Each area has its own folder and re-exports its public API from that folder's `index.ts`; this file only
 * gathers them.
 */
export * as tf from '@tensorflow/tfjs';
export * from './backend';
export * from './kernels';
export * from './nn';
export * from './losses';
export * from './optim';
export * from './metrics';
export * from './data';
export * from './learner';
export * from './fits';
export * from './astro';
export * from './display';
export * from './plot';
