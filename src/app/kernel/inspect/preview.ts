/**
 * A serialisable picture of a value, made in the kernel and drawn by the page's inspector. Large values are cut:
 * `more` counts what was left out.
 */
import type {DisplaySpec} from '../../../lib/display';

export type Preview =
  | {kind: 'undefined'}
  | {kind: 'null'}
  | {kind: 'number' | 'bigint' | 'boolean' | 'symbol'; text: string}
  | {kind: 'string'; text: string; length: number}
  | {kind: 'function'; name: string; signature: string; isClass: boolean}
  | {kind: 'array'; length: number; items: Preview[]}
  | {kind: 'typed-array'; type: string; length: number; items: number[]; stats?: NumberStats}
  | {kind: 'object'; name: string; entries: [string, Preview][]; more: number}
  | {kind: 'map'; size: number; entries: [Preview, Preview][]}
  | {kind: 'set'; size: number; items: Preview[]}
  | TensorPreview
  | ModelPreview
  | {kind: 'error'; name: string; message: string}
  | {kind: 'date' | 'regexp' | 'promise' | 'ref'; text: string}
  | {kind: 'display'; spec: DisplaySpec};

export interface NumberStats {
  min: number;
  max: number;
  mean: number;
  std: number;
  /** NaN and ±Infinity entries. */
  nonFinite: number;
}

export interface TensorPreview {
  kind: 'tensor';
  dtype: string;
  shape: number[];
  size: number;
  bytes: number;
  isVariable: boolean;
  disposed: boolean;
  stats?: NumberStats;
  /** Leading entries along every axis (nested like the tensor; cut where `shape` is larger). */
  values?: unknown;
}

export interface ModelPreview {
  kind: 'model';
  name: string;
  layers: {name: string; type: string; outputShape: string; params: number}[];
  params: number;
  trainableParams: number;
}
