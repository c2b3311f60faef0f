/** Diagrams from assets/diagrams/*.yaml, checked like lessons: schema, then every id a link or path names. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadYamlFile, problemAt } from '../lesson/load.js';
import type { Problem } from '../lesson/problems.js';
import { closestName } from '../lesson/suggest.js';
import { Diagram } from './schema.js';

export function diagramsDir(assetsDir: string): string {
  return path.join(assetsDir, 'diagrams');
}

export function diagramNames(assetsDir: string): string[] {
  try {
    return readdirSync(diagramsDir(assetsDir))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

export function loadDiagram(file: string): { diagram?: Diagram; problems: Problem[] } {
  const { value, file: shown, parsed, problems } = loadYamlFile(file, Diagram, 'diagram');
  if (!value || !parsed) return { problems };
  const at = problemAt(shown, parsed);
  const ids = new Map<string, (string | number)[]>();
  const found: Problem[] = [];
  const add = (id: string, where: (string | number)[]): void => {
    if (ids.has(id)) found.push(at('error', `the id '${id}' is used twice`, [...where, 'id']));
    ids.set(id, where);
  };
  value.outside?.forEach((node, index) => add(node.id, ['outside', index]));
  value.clusters.forEach((cluster, c) => cluster.rows.forEach((row, r) => row.forEach((node, n) => add(node.id, ['clusters', c, 'rows', r, n]))));
  const known = [...ids.keys()];
  const check = (id: string, where: (string | number)[]): void => {
    if (ids.has(id)) return;
    const guess = closestName(id, known);
    found.push(at('error', `no box '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}`, where));
  };
  value.links?.forEach((link, index) => {
    check(link.from, ['links', index, 'from']);
    check(link.to, ['links', index, 'to']);
  });
  for (const [name, path] of Object.entries(value.paths ?? {})) path.forEach((id, index) => check(id, ['paths', name, index]));
  return found.length > 0 ? { problems: found } : { diagram: value, problems: [] };
}
