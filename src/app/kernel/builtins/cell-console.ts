/**
 * `console` for cells: what a cell logs appears under the cell (and still in the browser's devtools). Output goes to
 * the run whose code is executing, or the run that last had control for callbacks a library makes later.
 */
import {currentRun, lastEnteredRun} from '../run/async-context';
import {formatValue} from '../inspect/format-value';
import type {CellRun} from '../run/cell-run';

type Level = 'log' | 'info' | 'warn' | 'error';

export function makeCellConsole(): Console {
  const base = globalThis.console;
  const route = (level: Level, args: unknown[]) => {
    const run = (currentRun() ?? lastEnteredRun()) as CellRun | undefined;
    if (run && typeof run.log === 'function') run.log(level, args.map((a) => formatValue(a)).join(' '));
    else base[level](...args);
  };
  return Object.assign(Object.create(base) as Console, {
    log: (...args: unknown[]) => route('log', args),
    info: (...args: unknown[]) => route('info', args),
    debug: (...args: unknown[]) => route('log', args),
    warn: (...args: unknown[]) => route('warn', args),
    error: (...args: unknown[]) => route('error', args),
  });
}
