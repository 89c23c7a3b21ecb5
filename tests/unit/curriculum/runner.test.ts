/**
 * The notebook runner itself (tests/helpers/notebook-runner.ts): constants are overridden where they are declared,
 * cells run in dependency order with the kernel's own compiler and graph, outputs are collected as the page would
 * receive them, and a failing cell is reported by its number, line and source.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {applyOverrides, readNotebook, runNotebook, type NotebookRun} from '../../helpers/notebook-runner';

const dir = mkdtempSync(join(tmpdir(), 'deepsky-runner-'));
let count = 0;
const runs: NotebookRun[] = [];
afterAll(() => runs.forEach((r) => r.dispose()));

/** Writes a notebook of these code cells (a Markdown cell first) and returns its path. */
function notebook(...cells: string[]): string {
  const path = join(dir, `nb${++count}.deepsky.md`);
  writeFileSync(path, ['---', 'title: Test', '---', '# Test', '', ...cells.map((c) => `\`\`\`ts\n${c}\n\`\`\`\n`)].join('\n'));
  return path;
}

async function run(path: string, options: Parameters<typeof runNotebook>[1] = {}): Promise<NotebookRun> {
  const result = await runNotebook(path, options);
  runs.push(result);
  return result;
}

describe('overrides', () => {
  it('replace the initializer of the top-level constant, keeping its type annotation', () => {
    const {code} = readNotebook(notebook('// Epochs.\nconst epochs: number = 30;\nconst other = epochs * 2;', 'const sizes = [784, 30, 10] as const;'));
    const [first, second] = applyOverrides(code, {epochs: 1, sizes: [4, 3]});
    expect(first.source).toBe('// Epochs.\nconst epochs: number = 1;\nconst other = epochs * 2;');
    expect(second.source).toBe('const sizes = [4,3];');
  });

  it('must name a constant the notebook declares at the top level', () => {
    const {code} = readNotebook(notebook('const epochs = 30;', '{ const hidden = 1; }'));
    expect(() => applyOverrides(code, {epocs: 1})).toThrow(/override 'epocs': no cell declares a top-level constant/);
    expect(() => applyOverrides(code, {hidden: 1})).toThrow(/override 'hidden'/);
  });
});

describe('running', () => {
  it('runs cells in dependency order, not file order, and overrides reach the cells that use them', async () => {
    const result = await run(notebook('const doubled = base * 2;', 'const base = 21;'), {overrides: {base: 50}, capture: ['doubled']});
    expect(result.captured.doubled).toBe(100);
    expect(result.cells.map((c) => c.status)).toEqual(['done', 'done']);
  });

  it('collects display specs, updating keyed outputs in place, and the cell value when it is a spec', async () => {
    const result = await run(
      notebook(
        "for (let i = 1; i <= 3; i++) display({$display: 'progress', label: 'p', value: i, total: 3, elapsed: 0}, {id: 'bar'});\nlinePlot([1, 2, 3])",
        "console.log('hello', 42)",
      ),
    );
    const [first, second] = result.cells;
    expect(first.displays.map((d) => d.$display)).toEqual(['progress', 'plot']);
    expect(first.displays[0]).toMatchObject({value: 3});
    expect(second.logs).toEqual([{level: 'log', text: 'hello 42'}]);
  });

  it('runs only the selected cells and what they depend on', async () => {
    const path = notebook('const a = 1;', 'const b = a + 1;', 'const c = b + 1;', "throw new Error('never')");
    const result = await run(path, {select: (c) => c.codeNumber === 2});
    expect(result.cells.map((c) => c.status)).toEqual(['done', 'done', 'not run', 'not run']);
  });

  it("keeps the cell's context (display, signal) after the cell awaits an async helper of its own", async () => {
    const result = await run(
      notebook('async function helper() {\n  await sleep(1);\n  return 1;\n}\nawait helper();\nconst inContext = currentCellContext() !== undefined;'),
      {capture: ['inContext']},
    );
    expect(result.captured.inContext).toBe(true);
  });
});

describe('failures', () => {
  it("name the code cell, the notebook cell, the cell's own line and its text", async () => {
    const path = notebook('const ok = 1;', "const shape = [2, 3];\nconst t = tf.zeros(shape);\nconst wrong = tf.matMul(t, t);");
    await expect(run(path)).rejects.toThrow(/nb\d+\.deepsky\.md: code cell 2 \(cell 3 of the notebook\), line 3:\d+: .*matMul[\s\S]*3 \| const wrong = tf\.matMul\(t, t\);/);
  });

  it('report compile errors and names defined twice before running anything', async () => {
    await expect(run(notebook('const a = ;'))).rejects.toThrow(/code cell 1 .*Syntax error/);
    await expect(run(notebook('const a = 1;', 'const a = 2;'))).rejects.toThrow(/`a` is defined more than once/);
  });

  it('time out with the cells still running', async () => {
    await expect(run(notebook('await sleep(5_000);'), {timeoutMs: 200})).rejects.toThrow(/still running after 200 ms: code cell 1 \(running\)/);
  });
});
