/** What every cell has in scope besides the other cells' names: the whole library, plus a few notebook helpers. */
import * as lib from '../../../lib';
import {makeCellConsole} from './cell-console';
import {html, md} from './html';
import {sleep} from './sleep';

export function notebookBuiltins(): Record<string, unknown> {
  return {...lib, console: makeCellConsole(), html, md, sleep};
}
