/** Which tfjs backends this Node process can benchmark on, and why the others are missing. */
import * as tf from '@tensorflow/tfjs';
import {installDawnWebGpu} from '../src/lib/node';

export interface NodeBackends {
  available: string[];
  notes: string[];
}

let detected: Promise<NodeBackends> | undefined;

export function nodeBackends(): Promise<NodeBackends> {
  detected ??= detect();
  return detected;
}

async function detect(): Promise<NodeBackends> {
  const available = ['cpu'];
  const notes: string[] = [];
  await import('@tensorflow/tfjs-backend-wasm');
  if (await tf.setBackend('wasm')) available.push('wasm');
  else notes.push('wasm: the backend failed to initialise');
  const dawn = await installDawnWebGpu();
  if (dawn.ok) {
    await import('@tensorflow/tfjs-backend-webgpu');
    if (await tf.setBackend('webgpu')) {
      available.push('webgpu');
      notes.push(`webgpu runs on ${dawn.adapter}`);
    } else notes.push('webgpu: tf.setBackend failed');
  } else notes.push(`webgpu: ${dawn.reason}`);
  await tf.setBackend('cpu');
  return {available, notes};
}
