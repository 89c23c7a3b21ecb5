/**
 * `npm test`: typecheck, lint, unit tests in Node (cpu and Dawn webgpu), then browser tests in headless Chromium.
 * Every step runs even if an earlier one failed, so one run reports everything; the last line is the summary
 * `N passed, N failed` (typecheck and lint count as one check each).
 */
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const total: Tally = {passed: 0, failed: 0, skipped: 0};
const failures: string[] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

function run(label: string, command: string, args: string[]): number {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {stdio: 'inherit', env: process.env});
  console.log(`━━ ${label}: exit ${result.status ?? result.signal} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

function check(label: string, command: string, args: string[]): void {
  if (run(label, command, args) === 0) total.passed++;
  else {
    total.failed++;
    failures.push(label);
  }
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {name: string; status: string; message: string; assertionResults: unknown[]}[];
}

function vitest(label: string, projects: string[]): void {
  mkdirSync('tests/artifacts', {recursive: true});
  const out = `tests/artifacts/${label}.json`;
  rmSync(out, {force: true});
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const status = run(label, bin('vitest'), args);
  let report: VitestJson;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
  } catch {
    total.failed++;
    failures.push(`${label} (vitest wrote no report; exit ${status})`);
    return;
  }
  // A file that fails to load has no test results: count it as one failure so it cannot pass silently.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests + brokenFiles.length;
  total.skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTests > 0) failures.push(`${label}: ${report.numFailedTests} test(s)`);
  for (const f of brokenFiles) failures.push(`${label}: ${f.name} did not load: ${f.message.split('\n')[0]}`);
  if (status !== 0 && report.numFailedTests === 0 && brokenFiles.length === 0) {
    total.failed++;
    failures.push(`${label}: vitest exited ${status}`);
  }
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint', bin('eslint'), ['.']);
vitest('node-tests', ['unit', 'webgpu']);
vitest('browser-tests', ['browser']);

console.log('');
if (failures.length) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
