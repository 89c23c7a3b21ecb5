/** The kernel side of cell controls: values kept per cell and control, a file picker that waits, errors outside cells. */
import {afterEach, describe, expect, it} from 'vitest';
import {inputBuiltins} from '../../../src/app/kernel/builtins/inputs';
import {InputStore} from '../../../src/app/kernel/inputs/input-store';
import type {InputSpec} from '../../../src/app/kernel/inputs/input-spec';
import type {KernelEvent} from '../../../src/app/kernel/protocol';
import {setCurrentRun} from '../../../src/app/kernel/run/async-context';
import {CellRun} from '../../../src/app/kernel/run/cell-run';

afterEach(() => setCurrentRun(undefined));

/** A run of cell `id` whose displayed input specs land in `shown`. */
function cellRun(id: string, shown: InputSpec[]): CellRun {
  const host = {
    send: (event: KernelEvent) => {
      if (event.type === 'display' && event.value.kind === 'display') shown.push(event.value.spec as InputSpec);
    },
    explain: () => ({name: 'Error', message: ''}),
  };
  const run = new CellRun(id, host);
  setCurrentRun(run);
  return run;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('cell controls in the kernel', () => {
  it('gives a slider its default, then the value the page sent, per cell and per control', async () => {
    const store = new InputStore();
    const {slider, select, checkbox} = inputBuiltins(store);
    const shown: InputSpec[] = [];
    cellRun('c1', shown);
    expect(slider({min: 0, max: 1, value: 0.25, label: 'learning rate'})).toBe(0.25);
    expect(select(['linear', 'log', 'asinh'] as const, {label: 'stretch'})).toBe('linear');
    expect(checkbox({label: 'augment'})).toBe(false);
    await settle();
    expect(shown.map((s) => [s.key, s.kind, s.label, s.value])).toEqual([
      ['c1#0', 'range', 'learning rate', 0.25],
      ['c1#1', 'select', 'stretch', 'linear'],
      ['c1#2', 'checkbox', 'augment', false],
    ]);
    // The page moved the slider and chose 'asinh': nothing waits, so the cell must re-run to see them.
    expect(store.set('c1#0', 0.5)).toBe(false);
    expect(store.set('c1#1', 'asinh')).toBe(false);
    cellRun('c1', []);
    expect(slider({min: 0, max: 1, value: 0.25})).toBe(0.5);
    expect(select(['linear', 'log', 'asinh'])).toBe('asinh');
    // Another cell's first slider is its own.
    cellRun('c2', []);
    expect(slider({min: 0, max: 10, value: 3})).toBe(3);
    store.forgetCell('c1');
    expect(store.get('c1#0')).toBeUndefined();
  });

  it('makes a file picker wait for files, then hands them over as DataFiles', async () => {
    const store = new InputStore();
    const {fileInput} = inputBuiltins(store);
    const shown: InputSpec[] = [];
    cellRun('c3', shown);
    let files: {path: string; read(): Promise<Uint8Array>}[] | undefined;
    const picked = fileInput({accept: '.fits', label: 'cut-outs'}).then((f) => (files = f));
    await settle();
    expect(files).toBeUndefined();
    expect(shown.at(-1)).toMatchObject({kind: 'file', accept: '.fits', label: 'cut-outs', value: []});
    // The running cell was waiting: it goes on without a re-run.
    expect(store.set('c3#0', [new File([new Uint8Array([1, 2, 3])], 'a.fits')])).toBe(true);
    await picked;
    expect(files!.map((f) => f.path)).toEqual(['a.fits']);
    expect(Array.from(await files![0].read())).toEqual([1, 2, 3]);
    await settle();
    expect(shown.at(-1)).toMatchObject({value: ['a.fits']});
  });

  it('stops waiting when the cell is interrupted, and refuses calls outside a cell', async () => {
    const store = new InputStore();
    const {fileInput, slider} = inputBuiltins(store);
    const run = cellRun('c4', []);
    const picked = fileInput();
    run.stop('interrupted');
    await expect(picked).rejects.toMatchObject({name: 'AbortError'});
    setCurrentRun(undefined);
    expect(() => slider({min: 0, max: 1})).toThrow(/call it in the cell's own code/);
    cellRun('c5', []);
    expect(() => slider({min: 1, max: 1})).toThrow(/finite min < max/);
  });
});
