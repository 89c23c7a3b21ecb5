/** What the page knows about a cell's runs (not saved): status, outputs, errors, telemetry. */
import type {CellErrorInfo, CellStatus, KernelEvent, Telemetry} from '../kernel/protocol';
import type {Preview} from '../kernel/inspect/preview';
import type {CellSnapshot} from '../notebook/model';

export interface DisplayOutput {
  key?: string;
  value: Preview;
}

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

export interface CellRunState {
  status?: CellStatus;
  /** Why (e.g. "kernel restarted", "interrupting"). */
  reason?: string;
  /** When the current run started (ms since epoch, page clock). */
  startedAt?: number;
  /** How long the last finished run took, in ms. */
  duration?: number;
  value?: Preview;
  names?: [string, Preview][];
  displays: DisplayOutput[];
  logs: LogLine[];
  error?: CellErrorInfo;
  /** Found by analysis before running: compile errors, duplicate names, cycles. */
  staticError?: CellErrorInfo;
  telemetry?: Telemetry;
  /** The source of the last run (to show that the editor has changed since). */
  ranSource?: string;
  /** The outputs shown are from an earlier kernel or the author's snapshot. */
  stale?: boolean;
  /** A training checkpoint saved for this cell's code (offered as "resume" until the cell runs). */
  checkpoint?: {savedAt: number; epoch?: number};
  /** What the author of a shared notebook saw (until the cell runs here), and where it ran. */
  snapshot?: {cell: CellSnapshot; ranOn: string};
}

export function emptyRunState(): CellRunState {
  return {displays: [], logs: []};
}

/** Applies one kernel event to a cell's state (in place). */
export function applyEvent(state: CellRunState, event: KernelEvent): void {
  switch (event.type) {
    case 'status':
      if (event.status === 'running' && state.status !== 'running') state.startedAt = Date.now();
      if (event.status === 'queued' && state.status !== 'queued') state.startedAt = undefined;
      state.status = event.status;
      state.reason = event.reason;
      if (event.duration !== undefined) state.duration = event.duration;
      if (event.status === 'running' || event.status === 'queued') state.stale = false;
      break;
    case 'clear':
      state.value = undefined;
      state.names = undefined;
      state.displays = [];
      state.logs = [];
      state.error = undefined;
      state.stale = false;
      state.snapshot = undefined;
      break;
    case 'value':
      state.value = event.value;
      state.names = event.names;
      break;
    case 'display': {
      const i = event.key === undefined ? -1 : state.displays.findIndex((d) => d.key === event.key);
      if (i >= 0) state.displays[i] = {key: event.key, value: event.value};
      else state.displays.push({key: event.key, value: event.value});
      break;
    }
    case 'log':
      state.logs.push({level: event.level, text: event.text});
      if (state.logs.length > 500) state.logs.splice(0, state.logs.length - 500);
      break;
    case 'error':
      state.error = event.error;
      break;
    case 'telemetry':
      state.telemetry = event.telemetry;
      break;
  }
}
