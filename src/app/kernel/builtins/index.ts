/** What every cell has in scope besides the other cells' names: the whole library, plus a few notebook helpers. */
import * as lib from '../../../lib';
import {makeCellConsole} from './cell-console';
import {html, md} from './html';
import {inputBuiltins} from './inputs';
import {InputStore} from '../inputs/input-store';
import {sleep} from './sleep';

/** `inputs` holds the values of the cells' sliders and file pickers (the kernel passes its own, to feed it). */
export function notebookBuiltins(inputs = new InputStore()): Record<string, unknown> {
  return {...lib, console: makeCellConsole(), html, md, sleep, ...inputBuiltins(inputs)};
}
