#!/usr/bin/env node
// Per-module mutation scores from Stryker's JSON report (the mutation-testing-report-schema), and a floor:
// Stryker's own thresholds are for the whole run, so one weak module could hide behind strong ones.
//
//   node scripts/mutation-scores.mjs [report] [--min 85]
//
// A module's score is Stryker's: detected (killed or timed out) over detected plus undetected (survived
// or not covered by any test); mutants that do not compile, fail to run, or are ignored do not count.
// Exits 1 when a module is below the floor, 2 when the report cannot be read.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const minAt = args.indexOf('--min');
const min = minAt >= 0 ? Number(args[minAt + 1]) : 85;
const reportFile = args.find((arg, index) => !arg.startsWith('--') && index !== minAt + 1) ?? 'reports/mutation/mutation.json';
if (!Number.isFinite(min)) {
  console.error('mutation-scores: --min needs a number');
  process.exit(2);
}

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (error) {
  console.error(`mutation-scores: cannot read ${reportFile} (${error.message}); run Stryker first (npm run test:mutation)`);
  process.exit(2);
}
if (typeof report?.files !== 'object' || report.files === null) {
  console.error(`mutation-scores: ${reportFile} is not a mutation-testing report (no "files")`);
  process.exit(2);
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = Object.entries(report.files)
  .map(([file, { mutants = [] }]) => {
    const count = (statuses) => mutants.filter((mutant) => statuses.has(mutant.status)).length;
    const detected = count(DETECTED);
    const undetected = count(UNDETECTED);
    const noCoverage = mutants.filter((mutant) => mutant.status === 'NoCoverage').length;
    const valid = detected + undetected;
    return { file, total: mutants.length, detected, undetected, noCoverage, score: valid === 0 ? undefined : (100 * detected) / valid };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

if (rows.length === 0) {
  console.error(`mutation-scores: ${reportFile} holds no files`);
  process.exit(2);
}

const width = Math.max(...rows.map((row) => row.file.length), 'MODULE'.length);
const line = (cells) => `${cells[0].padEnd(width)}  ${cells.slice(1).map((cell) => cell.padStart(8)).join('  ')}`;
console.log(line(['MODULE', 'SCORE', 'KILLED', 'SURVIVED', 'NO COVER', 'MUTANTS']));
const below = [];
for (const row of rows) {
  const score = row.score === undefined ? 'n/a' : `${row.score.toFixed(2)}%`;
  console.log(line([row.file, score, String(row.detected), String(row.undetected - row.noCoverage), String(row.noCoverage), String(row.total)]));
  if (row.score !== undefined && row.score < min) below.push(row);
}
const detected = rows.reduce((sum, row) => sum + row.detected, 0);
const valid = rows.reduce((sum, row) => sum + row.detected + row.undetected, 0);
console.log(line(['all modules', valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)}%`, String(detected), '', '', String(rows.reduce((sum, row) => sum + row.total, 0))]));

if (below.length > 0) {
  console.error(`\nbelow the ${min}% floor: ${below.map((row) => `${row.file} (${row.score.toFixed(2)}%)`).join(', ')}`);
  console.error('Each survivor is a change to the code that no test notices: see reports/mutation/mutation.html, then add a test that states the behaviour it breaks.');
  process.exit(1);
}
console.log(`\nevery module at or above ${min}%`);
