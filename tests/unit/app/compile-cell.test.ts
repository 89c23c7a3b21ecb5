import {describe, expect, it} from 'vitest';
import {compileCell, type CompileError} from '../../../src/app/kernel/compile';
import {cellRuntime, setCurrentRun, type ContextRun} from '../../../src/app/kernel/run/async-context';
import {currentCellContext} from '../../../src/lib/display';

type CellFn = (...args: unknown[]) => unknown;

function fakeRun(name: string): ContextRun & {value?: unknown; exports: () => Record<string, unknown>; controller: AbortController} {
  const controller = new AbortController();
  return {
    controller,
    signal: controller.signal,
    context: {signal: controller.signal, display: () => undefined, checkpoints: {store: {save: async () => undefined, load: async () => undefined}, key: name, resume: false}},
    abortError: () => Object.assign(new Error('Interrupted.'), {name: 'AbortError'}),
    exports: () => ({}),
  };
}

/** The CompileError a source gets (fails the test when it compiles). */
function bad(source: string): CompileError {
  try {
    compileCell(source, 'bad');
  } catch (error) {
    return error as CompileError;
  }
  throw new Error('expected a compile error');
}

describe('compileCell', () => {
  it('finds what a cell declares and what it uses, with TypeScript stripped and scopes respected', () => {
    const c = compileCell(
      [
        'const a: number = await load<string>(b);',
        'function f(x: number) { const local = x + c; return local; }',
        'let {m, n: [o = p]} = obj;',
        'class K extends Base { z = y; method(q: number) { return q + w; } }',
        'for (const i of items) { const t = i; }',
        'try { risky(); } catch (err) { report(err); }',
        'interface Shape { w: number }',
        'a + f(1)',
      ].join('\n'),
      'scopes',
    );
    expect(c.declarations).toEqual(['a', 'f', 'm', 'o', 'K']);
    expect(c.references).toEqual(['load', 'b', 'c', 'p', 'obj', 'Base', 'y', 'w', 'items', 'risky', 'report']);
    expect(c.isAsync).toBe(true);
    expect(c.isGenerator).toBe(false);
  });

  it('runs as a function of its inputs, returning its names and last expression, with the cell context restored after every await', async () => {
    const c = compileCell('const start = currentCellContext()?.checkpoints?.key;\nconst v = await Promise.resolve(x * 2);\nconst after = currentCellContext()?.checkpoints?.key;\nv + 1', 'run');
    expect(c.inputs).toEqual(['currentCellContext', 'Promise', 'x']);
    const fn = (0, eval)(c.code) as CellFn;
    const run = fakeRun('cell-run');
    setCurrentRun(run);
    const pending = fn(cellRuntime, run, () => undefined, Promise.resolve(), currentCellContext, Promise, 20) as Promise<void>;
    setCurrentRun(undefined);
    // Between the await and the resumption, other code runs outside the cell's context.
    expect(currentCellContext()).toBeUndefined();
    await pending;
    expect(run.value).toBe(41);
    expect(run.exports()).toEqual({start: 'cell-run', v: 40, after: 'cell-run'});
  });

  it('stops an interrupted run at its next await', async () => {
    const c = compileCell('let i = 0;\nwhile (true) { i++; await tick(); }', 'loop');
    const fn = (0, eval)(c.code) as CellFn;
    const run = fakeRun('loop');
    setCurrentRun(run);
    const tick = () => new Promise((r) => setTimeout(r, 1));
    const pending = fn(cellRuntime, run, () => undefined, Promise.resolve(), tick) as Promise<void>;
    setCurrentRun(undefined);
    await new Promise((r) => setTimeout(r, 5));
    run.controller.abort();
    await expect(pending).rejects.toThrow('Interrupted.');
  });

  it('stops an interrupted run at once, without waiting for what it awaits', async () => {
    const c = compileCell('const v = await never();\nreached = v;', 'slow');
    const fn = (0, eval)(c.code) as CellFn;
    const run = fakeRun('slow');
    let settle: (v: number) => void = () => undefined;
    const never = () => new Promise<number>((r) => (settle = r));
    setCurrentRun(run);
    const pending = fn(cellRuntime, run, () => undefined, Promise.resolve(), never) as Promise<void>;
    setCurrentRun(undefined);
    run.controller.abort();
    await expect(pending).rejects.toThrow('Interrupted.');
    // The awaited value arriving later changes nothing.
    settle(1);
    await new Promise((r) => setTimeout(r, 1));
    expect((globalThis as {reached?: unknown}).reached).toBeUndefined();
  });

  it('compiles top-level yield into a generator', () => {
    const c = compileCell('for (let i = 0; i < 3; i++) yield i;', 'gen');
    expect(c.isGenerator).toBe(true);
    const fn = (0, eval)(c.code) as CellFn;
    const it = fn(cellRuntime, fakeRun('gen'), () => undefined, Promise.resolve()) as Iterator<number>;
    expect([...{[Symbol.iterator]: () => it}]).toEqual([0, 1, 2]);
  });

  it("maps positions in compiled code back to the cell's own lines and columns", () => {
    const source = 'const a: Array<number> = [1];\nconst b: string = await fetchText(a);\nthrow new Error("x");';
    const c = compileCell(source, 'map');
    const lines = c.code.split('\n');
    const line = lines.findIndex((l) => l.includes('throw new Error')) + 1;
    const column = lines[line - 1].indexOf('new Error') + 1;
    expect(c.toSource({line, column})).toEqual({line: 3, column: source.split('\n')[2].indexOf('new Error') + 1});
    const awaitLine = lines.findIndex((l) => l.includes('fetchText(')) + 1;
    const fetchColumn = lines[awaitLine - 1].indexOf('fetchText(') + 1;
    expect(c.toSource({line: awaitLine, column: fetchColumn})).toEqual({line: 2, column: source.split('\n')[1].indexOf('fetchText') + 1});
  });

  it('reports syntax errors, imports and reserved names at the cell position', () => {
    expect(bad('const x: = 1;')).toMatchObject({message: expect.stringMatching(/^Syntax error/), position: {line: 1}});
    expect(bad("import x from 'y';").message).toMatch(/cannot `import` or `export`/);
    expect(bad('const display = 1;').message).toMatch(/`display` is provided by the notebook/);
    expect(bad('return 1;').message).toMatch(/cannot `return`/);
  });

  it('rejects HTML-like comments, which a script reads differently from the module parse the analysis uses', () => {
    // A script hides `<!--…` and a line-leading `-->…`; the analysis would see other code than the kernel runs.
    for (const source of ['let a = 1, b = 2;\na <!--b', 'let x = 2, y = 1;\nx\n--> y', 'let a = 1, b = 2;\na <!--b, `\n})(); globalThis.pwned = 1; (function(){\n`']) {
      expect(bad(source).message, source).toMatch(/Syntax error/);
    }
    expect((globalThis as {pwned?: number}).pwned).toBeUndefined();
    expect(compileCell('const lt = 1 < 2, dec = 3; const r = lt && 0 < --[dec][0];', 'c1').declarations).toEqual(['lt', 'dec', 'r']);
  });
});

