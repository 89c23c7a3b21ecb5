/**
 * Deep Sky's library: everything a notebook cell can call. It never depends on the app and also runs in Node.
 * Each area of the library has its own folder and re-exports its public API from the folder's `index.ts`.
 */
export * as tf from '@tensorflow/tfjs';
export * from './backend';
