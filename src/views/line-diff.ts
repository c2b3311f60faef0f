/**
 * What differs between two texts, line by line, as `diff -u` shows it without its headers: `- ` lines only
 * in the first, `+ ` lines only in the second, and a few unchanged lines around each change (`  `), with
 * `…` where unchanged lines are left out. For a learner's file against the finished one: short files,
 * so a plain longest-common-subsequence table is enough.
 */
export function lineDiff(before: string, after: string, context = 2): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const rows: { mark: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      rows.push({ mark: ' ', line: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      // As diff -u: what goes comes before what takes its place.
      rows.push({ mark: '-', line: a[i]! });
      i++;
    } else {
      rows.push({ mark: '+', line: b[j]! });
      j++;
    }
  }
  const near = rows.map((_, index) => rows.slice(Math.max(0, index - context), index + context + 1).some((row) => row.mark !== ' '));
  const out: string[] = [];
  for (const [index, row] of rows.entries()) {
    if (near[index]) out.push(`${row.mark} ${row.line}`);
    else if (out.at(-1) !== '…') out.push('…');
  }
  return rows.some((row) => row.mark !== ' ') ? out : [];
}

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
