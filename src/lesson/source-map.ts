/**
 * Where things are in a YAML file: turns a data path such as ["steps", 2, "check"] into a line and column,
 * so every problem names file:line:col.
 */
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

export interface ParsedYaml {
  document: Document.Parsed;
  lineCounter: LineCounter;
  source: string;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { document, lineCounter, source: text };
}

function positionAt(parsed: ParsedYaml, offset: number): Position {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { line, col };
}

function nodeAt(parsed: ParsedYaml, path: DataPath): Node | undefined {
  const node = parsed.document.getIn(path, true);
  return node !== null && typeof node === 'object' && 'range' in (node as object) ? (node as Node) : undefined;
}

/** The pair for `key` in the map at `path`, if the map and key exist. */
function pairAt(parsed: ParsedYaml, path: DataPath, key: string | number): Pair | undefined {
  const parent = path.length === 0 ? parsed.document.contents : nodeAt(parsed, path);
  if (!isMap(parent)) return undefined;
  return parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key));
}

/** The position of the value at `path`, or of the nearest ancestor that exists. */
export function positionOf(parsed: ParsedYaml, path: DataPath): Position {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(parsed, path.slice(0, depth));
    const start = node?.range?.[0];
    if (start !== undefined) {
      // Point at the key of a mapping entry rather than at a value that may sit on the next line.
      const key = path[depth - 1];
      if (depth > 0 && key !== undefined && !isSeq(nodeAt(parsed, path.slice(0, depth - 1)))) {
        const pair = pairAt(parsed, path.slice(0, depth - 1), key);
        const keyStart = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
        if (keyStart !== undefined && (isMap(node) || isSeq(node))) return positionAt(parsed, keyStart);
      }
      return positionAt(parsed, start);
    }
  }
  return { line: 1, col: 1 };
}

/** The position of a key inside the map at `path` (for unknown or duplicate fields). */
export function keyPositionOf(parsed: ParsedYaml, path: DataPath, key: string): Position {
  const pair = pairAt(parsed, path, key);
  const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  return start === undefined ? positionOf(parsed, path) : positionAt(parsed, start);
}

/** Where `needle` first appears inside the value at `path` (a `${VAR}` in a script), or the value itself. */
export function positionOfText(parsed: ParsedYaml, path: DataPath, needle: string): Position {
  const range = nodeAt(parsed, path)?.range;
  if (range) {
    const found = parsed.source.slice(range[0], range[2]).indexOf(needle);
    if (found >= 0) return positionAt(parsed, range[0] + found);
  }
  return positionOf(parsed, path);
}
