/** A badge with the active backend and GPU adapter, and a clear warning when work will run on the CPU. */
import type {BackendReport} from '../../lib';

export function renderBackendBadge(el: HTMLElement, report: BackendReport): void {
  const adapter = report.adapter;
  const where = adapter ? adapter.description || `${adapter.vendor} ${adapter.architecture}`.trim() : '';
  el.textContent = where ? `${report.backend} · ${where}` : report.backend;
  el.dataset.backend = report.backend;
  el.classList.toggle('warn', report.runsOnCpu);
  const lines = [
    `Backend: ${report.backend} (float${report.floatPrecision})`,
    adapter && `Adapter: ${adapter.vendor} ${adapter.architecture} ${adapter.description}`.trim(),
    report.runsOnCpu && 'Training will run on the CPU: expect it to be slow.',
    ...report.skipped.map((s) => `Skipped ${s.backend}: ${s.reason}`),
  ].filter(Boolean);
  el.title = lines.join('\n');
}

export function renderBackendError(el: HTMLElement, error: unknown): void {
  el.textContent = 'no backend';
  el.classList.add('error');
  el.title = error instanceof Error ? error.message : String(error);
}
