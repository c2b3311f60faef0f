/** `mesh-workshop diagram --list | NAME [--width N] [--ascii] [--highlight PATH]`: the set-ups, drawn for this terminal. */
import path from 'node:path';
import { UserError } from '../errors.js';
import { diagramNames, diagramsDir, loadDiagram } from '../diagrams/load.js';
import { closestName } from '../lesson/suggest.js';
import { defaultAssetsDir } from '../paths.js';
import { localeIsUtf8, renderDiagram } from '../views/diagram.js';
import type { Flags } from './options.js';

export function diagramCommand(flags: Flags, args: string[]): number {
  const assets = defaultAssetsDir();
  const names = diagramNames(assets);
  const [name, ...extra] = args;
  if (flags.list || !name) {
    if (!flags.list && !name) throw new UserError(`which diagram? They are: ${names.join(', ')} (mesh-workshop diagram --list)`);
    for (const known of names) {
      const { diagram } = loadDiagram(path.join(diagramsDir(assets), `${known}.yaml`));
      process.stdout.write(`${known.padEnd(30)} ${diagram?.title ?? '(does not load: mesh-workshop lint)'}\n`);
    }
    return 0;
  }
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}'`);
  if (!names.includes(name)) {
    const guess = closestName(name, names);
    throw new UserError(`no diagram '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; they are: ${names.join(', ')}`);
  }
  const file = path.join(diagramsDir(assets), `${name}.yaml`);
  const { diagram, problems } = loadDiagram(file);
  if (!diagram) throw new UserError(problems.map((problem) => `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`).join('\n'));
  const width = flags.width === undefined ? (process.stdout.isTTY ? process.stdout.columns : 100) : Number(flags.width);
  if (!Number.isInteger(width) || width < 30) throw new UserError(`--width ${flags.width ?? ''}: a number of columns, 30 or more`);
  let highlight: string[] = [];
  if (flags.highlight) {
    const named = diagram.paths?.[flags.highlight];
    highlight = named ?? flags.highlight.split(',');
    if (!named && highlight.length < 2) throw new UserError(`--highlight ${flags.highlight}: a path's name (${Object.keys(diagram.paths ?? {}).join(', ') || 'this diagram names none'}) or box ids joined by commas`);
  }
  const lines = renderDiagram(diagram, { width, ascii: flags.ascii === true || !localeIsUtf8(process.env), highlight, colour: process.stdout.isTTY === true && !process.env.NO_COLOR });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
