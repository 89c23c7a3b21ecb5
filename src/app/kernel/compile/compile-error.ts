import type {Position} from './positions';

/** A problem with a cell's source found before it runs (syntax, imports, reserved names), at a cell position. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(
    message: string,
    readonly position?: Position,
  ) {
    super(message);
  }
}
