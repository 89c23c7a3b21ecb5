/**
 * The epoch table as CSV (fastai's `CSVLogger`): epoch, train_loss, valid_loss, each metric, seconds. The notebook
 * offers `blob()` as a download; `text()` is the same content.
 */
import type {Callback, FitState} from '../callback';

/** Options of {@link CsvLogger}. */
export interface CsvLoggerOptions {
  /** Keep the rows of earlier fits (default false: each fit starts a new table, as fastai). */
  append?: boolean;
}

function cell(value: number | string): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Collects one CSV row per epoch. */
export class CsvLogger implements Callback {
  readonly name = 'csv-logger';
  readonly order = 15;
  readonly runsInLrFind = false;
  private header: string[] = [];
  private rows: string[] = [];

  constructor(private readonly options: CsvLoggerOptions = {}) {}

  beforeFit(): void {
    if (!this.options.append) {
      this.header = [];
      this.rows = [];
    }
  }

  afterEpoch(state: FitState): void {
    const r = state.recorder;
    const metricNames = [...r.metrics.keys()];
    if (this.header.length === 0) this.header = ['epoch', 'train_loss', 'valid_loss', ...metricNames, 'seconds'];
    const metricCells = this.header.slice(3, -1).map((name) => r.metrics.get(name)?.last() ?? NaN);
    const values = [r.epoch.last(), r.trainLoss.last(), r.validLoss.last(), ...metricCells, r.epochSeconds.last()];
    this.rows.push(values.map(cell).join(','));
  }

  /** The CSV text, header first (empty before the first epoch). */
  text(): string {
    if (this.header.length === 0) return '';
    return [this.header.map(cell).join(','), ...this.rows].join('\n') + '\n';
  }

  /** The CSV as a `text/csv` Blob for the user to download. */
  blob(): Blob {
    return new Blob([this.text()], {type: 'text/csv'});
  }
}
