/**
 * Runs a Python snippet with the system's astropy (Debian's /usr/bin/python3) as an independent reference. Tests
 * that need it call `astropyAvailable()` and skip with a printed reason when it is missing.
 */
import {spawnSync} from 'node:child_process';

const PYTHON = process.env.DEEP_SKY_PYTHON ?? '/usr/bin/python3';

let available: string | true | undefined;

/** True when `import astropy, numpy` works; otherwise the reason as a string. */
export function astropyAvailable(): true | string {
  if (available === undefined) {
    const r = spawnSync(PYTHON, ['-c', 'import astropy, numpy'], {encoding: 'utf8'});
    available = r.status === 0 ? true : `astropy is not importable with ${PYTHON}: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
  }
  return available;
}

/**
 * Runs `script` with `input` (JSON) on stdin; the script prints one JSON document, which is returned. The script
 * reads its input with `json.load(sys.stdin)`.
 */
export function runPython<T>(script: string, input: unknown = null): T {
  const r = spawnSync(PYTHON, ['-c', script], {input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
