#!/usr/bin/env node
// The e2e workflow's job summary: one Markdown table row per lesson (result, duration, checks), read from
// the JUnit files `mesh-workshop verify --junit-dir DIR` wrote. A lesson without a file did not run.
//
//   node scripts/e2e-summary.mjs JUNIT_DIR LESSON… >> "$GITHUB_STEP_SUMMARY"
//
// On the weekly scheduled run the table is what the README's "verified live" column refers to. It is
// written into the job summary only, never into the repository. Exit 2 when the arguments are wrong.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** One lesson's JUnit file, summed over its suites; undefined when there is none. */
export function lessonOutcome(junitFile) {
  if (!existsSync(junitFile)) return undefined;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const root = parser.parse(readFileSync(junitFile, 'utf8')).testsuites;
  if (root === undefined) throw new Error(`${junitFile}: no <testsuites> element; is it a JUnit file from mesh-workshop?`);
  const suites = [root.testsuite ?? []].flat();
  const sum = (name) => suites.reduce((total, suite) => total + Number(suite[name] ?? 0), 0);
  const seconds = root.time !== undefined ? Number(root.time) : sum('time');
  return { tests: sum('tests'), failures: sum('failures') + sum('errors'), skipped: sum('skipped'), seconds };
}

/** 754 → "12m 34s"; under a minute, "42s". */
export function duration(seconds) {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}

/** One row: the lesson, its result, how long it took, its checks. */
export function summaryRow(lesson, outcome) {
  if (outcome === undefined) return `| \`${lesson}\` | ➖ not run (no JUnit file: the verify step's log says why) | - | - |`;
  const passed = outcome.tests - outcome.failures - outcome.skipped;
  const result = outcome.failures > 0 ? `❌ failed (${outcome.failures} step${outcome.failures === 1 ? '' : 's'})` : '✅ passed';
  return `| \`${lesson}\` | ${result} | ${duration(outcome.seconds)} | ${passed} passed, ${outcome.failures} failed, ${outcome.skipped} skipped |`;
}

/** The whole summary for a job: a heading, the table, and on the scheduled run what it stands for. */
export function summaryMarkdown(junitDir, lessons, event = '') {
  const rows = lessons.map((lesson) => summaryRow(lesson, lessonOutcome(path.join(junitDir, `${lesson}.xml`))));
  return [
    `### Lessons verified live: ${lessons.join(', ')}`,
    '',
    '| lesson | result | duration | steps |',
    '|---|---|---|---|',
    ...rows,
    '',
    event === 'schedule'
      ? "This is the weekly scheduled run: a lesson passed here is what the README's \"verified live\" column means."
      : `Run for a ${event || 'manual'} event; the weekly scheduled run is the one the README's "verified live" column refers to.`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [junitDir, ...lessons] = process.argv.slice(2);
  if (!junitDir || lessons.length === 0) {
    console.error('usage: node scripts/e2e-summary.mjs JUNIT_DIR LESSON…');
    process.exit(2);
  }
  process.stdout.write(summaryMarkdown(junitDir, lessons, process.env.GITHUB_EVENT_NAME));
}
