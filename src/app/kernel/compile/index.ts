export {compileCell, RUN_LOCAL_NAMES, type CompiledCell} from './compile-cell';
export {CompileError} from './compile-error';
export type {Position} from './positions';
