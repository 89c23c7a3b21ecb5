/** Progress bars (ProgressSpec), updated in place: label, bar, count, elapsed and ETA, live metrics. */
import type {ProgressSpec} from '../../lib/display';
import {registerRenderer} from './registry';

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m < 60) return `${m}:${String(s).padStart(2, '0')}`;
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(3);
  return value.toFixed(abs >= 100 ? 1 : 4).replace(/\.?0+$/, '') || '0';
}

function renderProgress(spec: ProgressSpec, el: HTMLElement): void {
  let bar = el.querySelector('progress');
  let text = el.querySelector<HTMLElement>('.progress-text');
  if (!bar || !text) {
    el.classList.add('output-progress');
    bar = document.createElement('progress');
    text = document.createElement('span');
    text.className = 'progress-text';
    el.replaceChildren(bar, text);
  }
  bar.setAttribute('aria-label', spec.label || 'Progress');
  if (spec.total > 0) {
    bar.max = spec.total;
    bar.value = Math.min(spec.value, spec.total);
  } else {
    bar.removeAttribute('value');
  }
  el.dataset.state = spec.state ?? 'running';
  const parts = [spec.label];
  parts.push(spec.total > 0 ? `${spec.value}/${spec.total}` : String(spec.value));
  parts.push(formatSeconds(spec.elapsed) + (spec.eta !== undefined && spec.state !== 'done' ? ` (ETA ${formatSeconds(spec.eta)})` : ''));
  for (const [name, value] of Object.entries(spec.metrics ?? {})) parts.push(`${name} ${formatMetric(value)}`);
  if (spec.state && spec.state !== 'running') parts.push(spec.state);
  text.textContent = parts.filter(Boolean).join(' · ');
}

export function registerProgress(): void {
  registerRenderer<ProgressSpec>('progress', renderProgress);
}
