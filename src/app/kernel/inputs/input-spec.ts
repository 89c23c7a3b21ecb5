/**
 * Interactive inputs (sliders, menus, checkboxes, file pickers): the kernel shows them as display specs in the
 * cell's output, the page renders the control, and a change goes back to the kernel (`setInput`), which re-runs the
 * cell with the new value — so every cell that uses the value updates, as in Observable's `viewof`.
 */
import type {DisplaySpec} from '../../../lib/display';

/** The kinds of control. */
export type InputKind = 'range' | 'select' | 'checkbox' | 'file';

/** What the page needs to draw one control (plain data: it crosses from the worker). */
export interface InputSpec extends DisplaySpec {
  readonly $display: 'input';
  /** The cell the input belongs to (the page re-runs it on a change). */
  cellId: string;
  /** Which input of the cell (`<cellId>#<n>`, n counting the cell's inputs in the order they are made). */
  key: string;
  kind: InputKind;
  label: string;
  /** The current value: a number (range), an option (select), a boolean (checkbox); for files, their names. */
  value: number | string | boolean | string[];
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  /** File types the picker offers, as `<input accept>` (e.g. '.fits,.fit,.fz'). */
  accept?: string;
  multiple?: boolean;
  /** Pick a whole folder (its files keep their relative paths, which labelled datasets read). */
  directory?: boolean;
}

/** The value a control sends back: files arrive as browser `File` objects (they clone into the worker unread). */
export type InputValue = number | string | boolean | File[];
