/**
 * Every shipped notebook, before anything runs: it parses; every code cell compiles with the kernel's compiler; the
 * dataflow has no name defined twice and no cycle; every cell type-checks against the library exactly as the editor
 * checks it (a renamed or retyped library function fails here); every formula renders with KaTeX through the app's
 * own Markdown tokenizer; and the curriculum's conventions hold (heavy settings in small cells near the top, long
 * training only in manual cells).
 */
import katex from 'katex';
import {beforeAll, describe, expect, it} from 'vitest';
import {compileCell, CompileError} from '../../../src/app/kernel/compile';
import {Dataflow} from '../../../src/app/kernel/graph/static-checks';
import {markdownToHtml} from '../../../src/app/render/markdown';
import {readNotebook, type NotebookFile} from '../../helpers/notebook-runner';
import {NOTEBOOKS, notebookPath, SHRINK} from './curriculum';
import {formatDiagnostics, NotebookTypeChecker} from './notebook-typecheck';

/** Calls that train for a long time: a cell making one must be marked manual. */
const TRAINING_CALL = /\.(fit|fitOneCycle|fineTune)\(/;

/** The TeX of every formula in a Markdown cell, found by the app's own tokenizer (KaTeX not loaded: TeX as text). */
function formulas(markdown: string): {tex: string; display: boolean}[] {
  const html = markdownToHtml(markdown);
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  return [...html.matchAll(/<span class="math-pending">([\s\S]*?)<\/span>/g)].map((m) => {
    const text = unescape(m[1]);
    const display = text.startsWith('$$');
    return {tex: display ? text.slice(2, -2) : text.slice(1, -1), display};
  });
}

it('finds the formulas of a Markdown cell as the app does, and KaTeX rejects a broken one', () => {
  const found = formulas('Inline $\\sigma(z)$, a price of $5 and $10, and\n\n$$\n\\frac{1}{2n}\n$$\n\nthen $\\frac{1}{$ broken.');
  expect(found.map((f) => [f.tex.trim(), f.display])).toEqual([['\\sigma(z)', false], ['\\frac{1}{2n}', true], ['\\frac{1}{', false]]);
  expect(() => katex.renderToString(found[2].tex, {throwOnError: true})).toThrow(/KaTeX parse error/);
});

it('the curriculum has the welcome notebook and the six chapters', () => {
  expect(NOTEBOOKS).toEqual(Object.keys(SHRINK).sort());
  expect(NOTEBOOKS.length).toBe(7);
});

describe.each(NOTEBOOKS)('%s', (name) => {
  let notebook: NotebookFile;
  beforeAll(() => {
    notebook = readNotebook(notebookPath(name));
  });

  it('parses into titled Markdown and code cells', () => {
    expect(notebook.title).not.toMatch(/^\s*$|deepsky/);
    expect(notebook.code.length).toBeGreaterThan(3);
    expect(notebook.cells.filter((c) => c.kind === 'markdown').length).toBeGreaterThan(1);
  });

  it('compiles every code cell, with no name defined twice and no cycle', () => {
    const problems: string[] = [];
    const names = notebook.code.flatMap((cell) => {
      try {
        const compiled = compileCell(cell.source, cell.id);
        return [{id: cell.id, declarations: compiled.declarations, references: compiled.references}];
      } catch (error) {
        const at = error instanceof CompileError && error.position ? `, line ${error.position.line}` : '';
        problems.push(`code cell ${cell.codeNumber}${at}: ${(error as Error).message}`);
        return [];
      }
    });
    expect(problems).toEqual([]);
    const {duplicates, cycles} = new Dataflow(names).problems();
    const number = (id: string) => notebook.code.find((c) => c.id === id)!.codeNumber;
    expect([...duplicates].map(([id, m]) => `code cell ${number(id)}: ${m}`)).toEqual([]);
    expect([...cycles].map(([id, m]) => `code cell ${number(id)}: ${m}`)).toEqual([]);
  });

  it('renders every formula with KaTeX', () => {
    const bad: string[] = [];
    let count = 0;
    for (const cell of notebook.cells.filter((c) => c.kind === 'markdown')) {
      for (const {tex, display} of formulas(cell.source)) {
        count++;
        try {
          katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: 'ignore'});
        } catch (error) {
          bad.push(`${tex}: ${(error as Error).message}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(count).toBeGreaterThan(0);
  });

  it('keeps its heavy settings in small cells of their own before any training', () => {
    const firstManual = notebook.code.find((c) => c.manual)?.codeNumber ?? Infinity;
    for (const setting of Object.keys(SHRINK[name])) {
      const cells = notebook.code.filter((c) => new RegExp(`^const ${setting}\\b`, 'm').test(c.source));
      expect(cells.map((c) => c.codeNumber), `cells declaring ${setting}`).toHaveLength(1);
      const [cell] = cells;
      const code = cell.source.split('\n').filter((line) => !/^\s*(\/\/.*)?$/.test(line));
      expect(code, `the cell of ${setting} holds only its declaration`).toHaveLength(1);
      expect(cell.codeNumber, `${setting} comes before the first manual cell`).toBeLessThan(firstManual);
    }
  });

  it('starts long training only from manual cells', () => {
    const automatic = notebook.code.filter((c) => TRAINING_CALL.test(c.source) && !c.manual).map((c) => c.codeNumber);
    expect(automatic, 'code cells that train but are not manual').toEqual([]);
  });
});

describe('type checking against the library', () => {
  let checker: NotebookTypeChecker;
  beforeAll(() => {
    checker = new NotebookTypeChecker();
  });

  it.each(NOTEBOOKS)('%s has no type errors', (name) => {
    expect(formatDiagnostics(checker.check(readNotebook(notebookPath(name)).code))).toBe('');
  });

  it('catches a notebook that calls a renamed or retyped library function', () => {
    const broken = readNotebook(notebookPath('01-nielsen-ch1-mnist.deepsky.md')).code.map((c) =>
      c.source.includes('nielsenNetwork(') ? {...c, source: c.source.replace('nielsenNetwork(', 'nielsenNet(')} : c,
    );
    const report = formatDiagnostics(checker.check(broken));
    expect(report).toMatch(/code cell \d+ \(cell \d+\), line 1:13: Cannot find name 'nielsenNet'/);
    expect(report).toMatch(/\| const net = nielsenNet\(/);
    const retyped = [{codeNumber: 1, cellNumber: 1, id: 'x', manual: false, source: "const m = nielsenNetwork([784, 30, 10], {init: 'he'});"}];
    expect(formatDiagnostics(checker.check(retyped))).toMatch(/'"he"' is not assignable/);
  });
});
