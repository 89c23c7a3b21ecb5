/**
 * FITS and astronomy throughput: `readFits` on a 4096x4096 float32 image (64 MiB) from memory, side by side with
 * astropy reading the same file (Python times itself and reports its milliseconds), and the synthetic survey's
 * generation time for 1,000 galaxies.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Benchmark, Case} from '../harness';
import {generateSyntheticSurvey, readFits, writeFits} from '../../src/lib';

const SIDE = 4096;
const BYTES = SIDE * SIDE * 4;
const PYTHON = process.env.DEEP_SKY_PYTHON ?? '/usr/bin/python3';

// Reads the file into memory first (not timed), then times open + data as a native-endian float32 array, which is
// what readFits returns (astropy alone would hand back a big-endian view).
const ASTROPY_READ = `
import io, sys, time
import numpy as np
from astropy.io import fits
raw = open(sys.argv[1], 'rb').read()
t0 = time.perf_counter()
with fits.open(io.BytesIO(raw)) as hdul:
    data = np.ascontiguousarray(hdul[0].data, dtype=np.float32)
t1 = time.perf_counter()
assert data.shape == (${SIDE}, ${SIDE})
print((t1 - t0) * 1000)
`;

export const fitsRead: Benchmark = {
  name: `readFits ${SIDE}x${SIDE} float32 (from memory)`,
  rate: {unit: 'MB/s', workPerRun: BYTES / 1e6},
  baseline: {backend: 'astropy'},
  samples: 5,
  warmup: 1,
  async cases() {
    const path = join(tmpdir(), `deep-sky-bench-${process.pid}.fits`);
    const notes: string[] = [];
    let bytes: Uint8Array | undefined;
    const setup = () => {
      const data = new Float32Array(SIDE * SIDE);
      for (let i = 0; i < data.length; i++) data[i] = Math.sin(i) * 1000;
      writeFileSync(path, writeFits({data, shape: [SIDE, SIDE]}));
      bytes = new Uint8Array(readFileSync(path));
    };
    const ours: Case = {
      variant: 'float32 image',
      backend: 'deep-sky',
      setup,
      run: () => {
        const hdu = readFits(bytes!).image();
        if (hdu.data.length !== SIDE * SIDE) throw new Error('wrong size');
      },
      teardown: () => rmSync(path, {force: true}),
    };
    const cases: Case[] = [ours];
    const probe = spawnSync(PYTHON, ['-c', 'import astropy, numpy'], {encoding: 'utf8'});
    if (probe.status === 0) {
      cases.unshift({
        variant: 'float32 image',
        backend: 'astropy',
        run: () => {
          const r = spawnSync(PYTHON, ['-c', ASTROPY_READ, path], {encoding: 'utf8'});
          if (r.status !== 0) throw new Error(`astropy run failed: ${r.stderr}`);
          return Number(r.stdout.trim());
        },
      });
    } else notes.push(`astropy not available with ${PYTHON}: only Deep Sky's reader is measured`);
    // The file must exist before the astropy case runs: set it up first.
    cases[0].setup = setup;
    ours.setup = undefined;
    return {cases, notes};
  },
};

export const syntheticSurveySpeed: Benchmark = {
  name: 'synthetic survey: 1,000 galaxies, 64x64, 4 bands + masks',
  baseline: {variant: '1000 galaxies'},
  samples: 3,
  warmup: 0,
  async cases() {
    return {
      cases: [
        {
          variant: '1000 galaxies',
          backend: 'node',
          run: () => {
            const survey = generateSyntheticSurvey({seed: 1, count: 1000});
            if (survey.galaxies.length !== 1000) throw new Error('wrong count');
          },
        },
      ],
    };
  },
};

export const fitsBenchmarks: Benchmark[] = [fitsRead, syntheticSurveySpeed];
