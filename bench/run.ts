/**
 * `npm run bench [-- <filter>] [--json <file>]`: runs the benchmarks whose name contains <filter> (all by default),
 * prints one table per benchmark and, with --json, writes every row as JSON.
 */
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {dawnProcessEnv} from '../src/lib/node';
import {formatTable, runBenchmark, type Row} from './harness';

// Dawn's Vulkan loader path must be in the environment when the process starts: re-launch once with it.
const env = dawnProcessEnv();
if (process.env.DEEP_SKY_BENCH_CHILD !== '1' && env.LD_LIBRARY_PATH !== process.env.LD_LIBRARY_PATH) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {...env, DEEP_SKY_BENCH_CHILD: '1'},
  });
  process.exit(child.status ?? 1);
}
Object.assign(process.env, env);

const args = process.argv.slice(2);
let jsonFile: string | undefined;
const filters: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') {
    jsonFile = args[++i];
    if (!jsonFile) throw new Error('--json needs a file name');
  } else filters.push(args[i].toLowerCase());
}

const {benchmarks} = await import('./registry');
const chosen = benchmarks.filter((b) => filters.every((f) => b.name.toLowerCase().includes(f)));
if (chosen.length === 0) {
  console.error(`No benchmark matches ${filters.join(' ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(1);
}

const all: Row[] = [];
for (const bench of chosen) {
  console.log(`\n▶ ${bench.name}`);
  const rows = await runBenchmark(bench, (line) => console.log(line));
  console.log(formatTable(rows));
  all.push(...rows);
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(all, null, 2));
  console.log(`\nwrote ${all.length} rows to ${jsonFile}`);
}
process.exit(0);
