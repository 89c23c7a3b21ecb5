/**
 * Compiles one TypeScript cell into a function the kernel's dataflow graph can call:
 *
 *   (async function* (__ds, __ds_run, display, invalidation, ...inputs) { …cell… })
 *
 * - types are stripped (sucrase), the JavaScript is parsed (acorn) as the body of an async generator so top-level
 *   `await` and `yield` are legal, and scope analysis finds what the cell declares (outputs) and uses (inputs);
 * - every `await` becomes `__ds.resume(await __ds.suspend(x, __ds_run))`, so the cell context (its display and AbortSignal,
 *   see src/lib/display/context.ts) is restored whenever the cell's code regains control, and an interrupted run
 *   stops at its next `await`; `for await` loops re-enter the context at each iteration;
 * - the last expression statement becomes the cell's value; `__ds_run.exports()` reads the declared names.
 * Positions in the compiled code map back to the cell's own lines and columns (`toSource`).
 */
import {parse, type Node} from 'acorn';
import {analyzeScopes, children, isFunctionNode} from './scope';
import {applyInsertions, type Insertion} from './edits';
import {LineIndex, type Position} from './positions';
import {transpile} from './transpile';
import {CompileError} from './compile-error';

/** Names every cell gets from the kernel for its own run (not from other cells). */
export const RUN_LOCAL_NAMES = ['display', 'invalidation'] as const;

export interface CompiledCell {
  /** Top-level names the cell declares, in source order. */
  declarations: string[];
  /** Names the cell uses but does not declare: other cells' outputs, the library, globals. */
  references: string[];
  /** The inputs the compiled function takes after the run-local ones (references minus run-local names). */
  inputs: string[];
  isGenerator: boolean;
  isAsync: boolean;
  /** The compiled function expression, ending with a `//# sourceURL` comment naming `url`. */
  code: string;
  url: string;
  /** Maps a 1-based position in `code` to the cell source; undefined inside code the compiler added. */
  toSource(position: Position): Position | undefined;
}

type AnyNode = Node & Record<string, unknown>;

const PARSE_PREFIX = 'async function* __ds_cell() {\n';

let compileCount = 0;

export function compileCell(source: string, cellId: string): CompiledCell {
  const url = `deepsky-cell-${cellId.replace(/[^\w-]/g, '')}-${++compileCount}.js`;
  const transpiled = transpile(source, url.replace(/\.js$/, '.ts'));
  const js = transpiled.js;
  const jsLines = new LineIndex(js);
  const jsToSource = (offset: number): Position | undefined => transpiled.toSource(jsLines.position(offset));

  let program: AnyNode;
  try {
    program = parse(PARSE_PREFIX + js + '\n}', {ecmaVersion: 'latest', sourceType: 'module'}) as unknown as AnyNode;
  } catch (error) {
    const pos = (error as {pos?: number}).pos;
    const at = pos === undefined ? undefined : jsToSource(Math.max(0, pos - PARSE_PREFIX.length));
    throw new CompileError(explainParseError(error instanceof Error ? error.message : String(error)), at);
  }
  const wrapper = (program.body as AnyNode[])[0];
  const body = (wrapper.body as AnyNode).body as AnyNode[];
  const shift = PARSE_PREFIX.length;
  const sourceAt = (node: Node) => jsToSource(node.start - shift);

  const {declarations, references} = analyzeScopes(body);
  for (const name of declarations) {
    if ((RUN_LOCAL_NAMES as readonly string[]).includes(name)) {
      throw new CompileError(`\`${name}\` is provided by the notebook to every cell; choose another name.`);
    }
  }
  for (const name of [...declarations, ...references]) {
    if (name.startsWith('__ds')) throw new CompileError(`Names starting with \`__ds\` are reserved for the notebook (\`${name}\`).`);
  }

  const insertions: Insertion[] = [];
  let isGenerator = false;
  let isAsync = false;
  let forAwaitCount = 0;
  const at = (node: Node) => node.start - shift;

  const walk = (node: AnyNode, fnDepth: number, depth: number, parent: AnyNode | undefined) => {
    const topLevelFn = fnDepth === 0;
    switch (node.type) {
      case 'ReturnStatement':
        if (topLevelFn) throw new CompileError('A cell cannot `return`: its last expression is its value.', sourceAt(node));
        break;
      case 'YieldExpression':
        if (topLevelFn) isGenerator = true;
        break;
      case 'AwaitExpression': {
        if (topLevelFn) isAsync = true;
        const argument = node.argument as AnyNode;
        insertions.push(
          {at: at(node), text: '__ds.resume(', side: 'open', depth},
          {at: at(argument), text: '__ds.suspend(', side: 'open', depth: depth + 1},
          // The cell's own run, not whatever run is current: an async helper the cell awaits has left the context
          // by the time this suspend runs (its own first await suspended it).
          {at: argument.end - shift, text: ', __ds_run)', side: 'close', depth: depth + 1},
          {at: node.end - shift, text: ')', side: 'close', depth},
        );
        break;
      }
      case 'ForOfStatement':
        if (node.await) {
          if (topLevelFn) isAsync = true;
          const k = `__ds_k${forAwaitCount++}`;
          const outer = parent?.type === 'LabeledStatement' ? parent : node;
          const loopBody = node.body as AnyNode;
          insertions.push(
            {at: at(outer), text: `{const ${k} = __ds_run; `, side: 'open', depth: depth - 1},
            {at: outer.end - shift, text: `; __ds.reenter(${k});}`, side: 'close', depth: depth - 1},
          );
          if (loopBody.type === 'BlockStatement') {
            insertions.push({at: at(loopBody) + 1, text: `__ds.reenter(${k}); `, side: 'open', depth: depth + 2});
          } else {
            insertions.push(
              {at: at(loopBody), text: `{__ds.reenter(${k}); `, side: 'open', depth: depth + 1},
              {at: loopBody.end - shift, text: '}', side: 'close', depth: depth + 1},
            );
          }
        }
        break;
    }
    const nextFnDepth = isFunctionNode(node) ? fnDepth + 1 : fnDepth;
    for (const child of children(node)) walk(child as AnyNode, nextFnDepth, depth + 2, node);
  };
  for (const statement of body) walk(statement, 0, 2, undefined);

  const last = body.at(-1);
  if (last?.type === 'ExpressionStatement' && !last.directive) {
    const expression = last.expression as AnyNode;
    insertions.push(
      {at: at(expression), text: '__ds_run.value = (', side: 'open', depth: 0},
      {at: expression.end - shift, text: ')', side: 'close', depth: 0},
    );
  }

  const edited = applyInsertions(js, insertions);
  const inputs = references.filter((name) => !(RUN_LOCAL_NAMES as readonly string[]).includes(name) && name !== 'arguments' && name !== 'eval');
  const keyword = `${isAsync ? 'async ' : ''}function${isGenerator ? '*' : ''}`;
  const exportsThunk = `__ds_run.exports = () => ({${declarations.map((n) => `${JSON.stringify(n)}: __ds.get(() => ${n})`).join(', ')}});`;
  const header = `(${keyword} (${['__ds', '__ds_run', ...RUN_LOCAL_NAMES, ...inputs].join(', ')}) {'use strict'; ${exportsThunk}\n`;
  const code = `${header}${edited.text}\n})\n//# sourceURL=${url}`;
  assertOneFunction(code, 1);
  const codeLines = new LineIndex(code);
  return {
    declarations,
    references,
    inputs,
    isGenerator,
    isAsync,
    code,
    url,
    toSource(position) {
      const offset = codeLines.offset(position) - header.length;
      if (offset < 0 || offset > edited.text.length) return undefined;
      return jsToSource(edited.toOriginal(offset));
    },
  };
}

/**
 * The kernel evaluates `code` as a script, where `<!--` and a line-leading `-->` start comments; the module parse
 * above reads them as operators (`a <!--b` is `a < !--b`). So the code that runs would differ from the code analysed,
 * and a cell could use the difference to end the wrapper function early and run code when it is merely compiled (a
 * notebook opened from a link, before the user chose to run it). Reject HTML-like comments, and make sure the script
 * is exactly one function expression, so evaluating it runs nothing.
 */
function assertOneFunction(code: string, headerLines: number): void {
  let htmlComment: number | undefined;
  let body: AnyNode[];
  try {
    const onComment = (block: boolean, _text: string, start: number) => {
      if (!block && htmlComment === undefined && /^(<!--|-->)/.test(code.slice(start, start + 4))) htmlComment = start;
    };
    body = (parse(code, {ecmaVersion: 'latest', sourceType: 'script', onComment}) as unknown as AnyNode).body as AnyNode[];
  } catch (error) {
    throw new CompileError(explainParseError(error instanceof Error ? error.message : String(error)));
  }
  if (htmlComment !== undefined) {
    const {line, column} = new LineIndex(code).position(htmlComment);
    const position = {line: line - headerLines, column};
    throw new CompileError(`Syntax error: HTML-style comments (\`<!--\`, \`-->\`) cannot be used in a cell (line ${position.line}); write \`a < !--b\` with spaces or use //.`, position);
  }
  if (body.length !== 1 || body[0].type !== 'ExpressionStatement' || (body[0].expression as AnyNode).type !== 'FunctionExpression') {
    throw new CompileError('Syntax error: the cell does not compile to a single function.');
  }
}

function explainParseError(message: string): string {
  const clean = message.replace(/\s*\(\d+:\d+\)$/, '');
  if (/'import' and 'export'/.test(clean)) {
    return 'Cells cannot `import` or `export`: the whole library is already in scope, and every top-level name is shared with the other cells. Use `await import(url)` for other modules.';
  }
  return `Syntax error: ${clean}`;
}
