/**
 * The page's inspector: draws a Preview made in the kernel. Short values inline; arrays, objects, tensors and models
 * expandable; display specs through their renderer.
 */
import type {ModelPreview, NumberStats, Preview, TensorPreview} from '../kernel/inspect/preview';
import {renderDisplay} from './registry';
import {formatMetric} from './progress';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A one-line summary (for collapsed entries and names). */
export function summary(p: Preview): string {
  switch (p.kind) {
    case 'undefined':
    case 'null':
      return p.kind;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'symbol':
      return p.kind === 'bigint' ? `${p.text}n` : p.text;
    case 'string':
      return JSON.stringify(p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text);
    case 'function':
      return p.isClass ? `class ${p.name}` : `ƒ ${p.name || ''}(${p.signature})`;
    case 'array':
      return `Array(${p.length})`;
    case 'typed-array':
      return `${p.type}(${p.length})`;
    case 'object':
      return p.name === 'Object' ? `{${p.entries.slice(0, 4).map(([k]) => k).join(', ')}${p.entries.length > 4 || p.more ? ', …' : ''}}` : p.name;
    case 'map':
      return `Map(${p.size})`;
    case 'set':
      return `Set(${p.size})`;
    case 'tensor':
      return `Tensor ${p.dtype} [${p.shape.join(', ')}]${p.disposed ? ' (disposed)' : ''}`;
    case 'model':
      return `Model ${p.name} (${p.params.toLocaleString('en')} parameters)`;
    case 'error':
      return `${p.name}: ${p.message}`;
    case 'display':
      return p.spec.$display;
    default:
      return p.text;
  }
}

export function renderPreview(p: Preview, expanded = true): HTMLElement {
  switch (p.kind) {
    case 'array':
      return expandable(summary(p), expanded, () => p.items.map((item, i) => entry(String(i), item)).concat(p.length > p.items.length ? [el('div', 'inspect-more', `… ${p.length - p.items.length} more`)] : []));
    case 'object':
      return expandable(summary(p), expanded, () => p.entries.map(([k, v]) => entry(k, v)).concat(p.more ? [el('div', 'inspect-more', `… ${p.more} more`)] : []));
    case 'map':
      return expandable(summary(p), expanded, () => p.entries.map(([k, v]) => entry(summary(k), v)));
    case 'set':
      return expandable(summary(p), expanded, () => p.items.map((v, i) => entry(String(i), v)));
    case 'typed-array': {
      const node = expandable(`${summary(p)}${p.stats ? ` · ${statsText(p.stats)}` : ''}`, expanded, () => [
        el('div', 'inspect-values', `[${p.items.map(formatMetric).join(', ')}${p.length > p.items.length ? ', …' : ''}]`),
      ]);
      return node;
    }
    case 'tensor':
      return tensorView(p, expanded);
    case 'model':
      return modelView(p, expanded);
    case 'display': {
      const node = el('div', 'output-display');
      void renderDisplay(p.spec, node);
      return node;
    }
    case 'error':
      return el('div', 'inspect-error', summary(p));
    case 'string':
      return el('pre', 'inspect-string', p.text + (p.length > p.text.length ? `… (${p.length - p.text.length} more characters)` : ''));
    default:
      return el('span', `inspect-${p.kind}`, summary(p));
  }
}

function entry(key: string, value: Preview): HTMLElement {
  const row = el('div', 'inspect-entry');
  row.append(el('span', 'inspect-key', `${key}: `));
  const nested = value.kind === 'array' || value.kind === 'object' || value.kind === 'map' || value.kind === 'set' || value.kind === 'tensor' || value.kind === 'model';
  row.append(nested ? renderPreview(value, false) : renderPreview(value));
  return row;
}

function expandable(label: string, open: boolean, content: () => HTMLElement[]): HTMLElement {
  const details = el('details', 'inspect');
  details.open = open;
  details.append(el('summary', undefined, label));
  let filled = false;
  const fill = () => {
    if (filled || !details.open) return;
    filled = true;
    const body = el('div', 'inspect-body');
    body.append(...content());
    details.append(body);
  };
  details.addEventListener('toggle', fill);
  fill();
  return details;
}

function statsText(s: NumberStats): string {
  const parts = [`min ${formatMetric(s.min)}`, `max ${formatMetric(s.max)}`, `mean ${formatMetric(s.mean)}`, `std ${formatMetric(s.std)}`];
  if (s.nonFinite) parts.push(`${s.nonFinite} NaN/Inf`);
  return parts.join(' · ');
}

function tensorView(p: TensorPreview, open: boolean): HTMLElement {
  const head = `${summary(p)}${p.isVariable ? ' variable' : ''} · ${formatBytes(p.bytes)}${p.stats ? ` · ${statsText(p.stats)}` : ''}`;
  const node = expandable(head, open, () => (p.values === undefined ? [] : [tensorValues(p)]));
  node.classList.add('inspect-tensor');
  return node;
}

function tensorValues(p: TensorPreview): HTMLElement {
  if (p.shape.length === 2 && Array.isArray(p.values)) {
    const table = el('table', 'tensor-table');
    const rows = p.values as number[][];
    for (const row of rows) {
      const tr = el('tr');
      for (const v of row) tr.append(el('td', undefined, formatMetric(v)));
      if (p.shape[1] > row.length) tr.append(el('td', 'inspect-more', '…'));
      table.append(tr);
    }
    if (p.shape[0] > rows.length) {
      const tr = el('tr');
      tr.append(el('td', 'inspect-more', `… ${p.shape[0] - rows.length} more rows`));
      table.append(tr);
    }
    return table;
  }
  const text = (value: unknown, depth: number): string => {
    if (!Array.isArray(value)) return typeof value === 'number' ? formatMetric(value) : String(value);
    const cut = value.length < p.shape[depth] ? ', …' : '';
    return `[${value.map((v) => text(v, depth + 1)).join(depth === p.shape.length - 1 ? ', ' : ',\n ')}${cut}]`;
  };
  return el('pre', 'inspect-values', text(p.values, 0));
}

function modelView(p: ModelPreview, open: boolean): HTMLElement {
  return expandable(summary(p), open, () => {
    const table = el('table', 'model-table');
    const header = el('tr');
    for (const h of ['Layer', 'Type', 'Output shape', 'Parameters']) header.append(el('th', undefined, h));
    table.append(header);
    for (const layer of p.layers) {
      const tr = el('tr');
      for (const v of [layer.name, layer.type, layer.outputShape, layer.params.toLocaleString('en')]) tr.append(el('td', undefined, v));
      table.append(tr);
    }
    const foot = el('div', 'inspect-more', `${p.params.toLocaleString('en')} parameters, ${p.trainableParams.toLocaleString('en')} trainable`);
    return [table, foot];
  });
}
