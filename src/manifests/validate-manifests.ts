/**
 * A learner's manifest file checked as `kubectl apply` (strict field validation) would check it, before it
 * reaches a cluster: YAML errors, then each object against Kubernetes 1.36's or Istio 1.31's schema
 * (unknown fields, wrong types, missing required fields, unsupported values), each problem at the line and
 * column of the key or value at fault. The schemas load only when a file needs them.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type ScalarTag } from 'yaml';
import { issueMessage, valueAt, type Issue, type Segment } from './issues.js';
import { istioAsset } from './istio-asset.js';
import { kindVerdict } from './kinds.js';

export interface ManifestProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** An error is what kubectl would refuse; a warning what the workshop cannot check. */
  severity: 'error' | 'warning';
  /** One line, control characters shown as escapes. */
  message: string;
}

/** An object of the file, for a summary (Kind/name); its text shown as in messages, controls as escapes. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  /** Empty when the manifest has none (an error). */
  name: string;
  /** 1-based: where the object starts. */
  line: number;
}

export interface ManifestReport {
  problems: ManifestProblem[];
  /** The objects found, in file order (those with an apiVersion and a kind). */
  objects: ManifestObject[];
}

/**
 * kubectl reads YAML as YAML 1.1 did (go-yaml v2): yes, no, on, off, y and n unquoted are booleans, so
 * `value: yes` is refused where text is expected. The core schema with those booleans reads as it does.
 */
const YAML_11_BOOLEANS: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:y|Y|yes|Yes|YES|on|On|ON)$/, resolve: () => true, identify: (value) => value === true },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:n|N|no|No|NO|off|Off|OFF)$/, resolve: () => false, identify: (value) => value === false },
];

/** What YAML (and so kubectl) refuses in a file: C0 controls but tab, LF and CR; DEL; C1 but NEL; U+FFFE/F. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;
/** What a message shows as an escape: every control, and the invisible marks that reorder a line. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/** The text with every control character and bidirectional mark shown as an escape (\t, \u001b). */
export function visible(text: string): string {
  return text.replace(UNPRINTABLE, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A problem as one line: `FILE:LINE:COL: message` (warnings say so). */
export function formatProblem(problem: ManifestProblem): string {
  return `${visible(problem.file)}:${problem.line}:${problem.col}: ${problem.severity === 'warning' ? 'warning: ' : ''}${visible(problem.message)}`;
}

type Parsed = Document.Parsed;

/** The nodes at the end of `path`: the value, and the key it sits under (none for a list item), or the deepest that exists. */
function find(doc: Parsed, path: readonly Segment[]): { value: Node | undefined; key: Node | undefined; complete: boolean } {
  let value: Node | undefined = doc.contents ?? undefined;
  let key: Node | undefined;
  for (const segment of path) {
    const node = isAlias(value) ? (value.resolve(doc) ?? undefined) : value;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { value, key, complete: false };
      key = pair.key as Node;
      value = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      key = undefined;
      value = node.items[segment] as Node;
    } else {
      return { value, key, complete: false };
    }
  }
  return { value, key, complete: true };
}

const startOf = (node: Node | undefined): number | undefined => node?.range?.[0];

/** Where an issue is: the unknown key itself, the value of the wrong type, the field lacking a required one. */
function issueOffset(doc: Parsed, issue: Issue): number | undefined {
  // An unknown field: its key. A required one written with no value (`spec:` alone, dropped as null): its key.
  if (issue.code === 'unknown' || issue.code === 'required') {
    const found = find(doc, [...issue.path, issue.field]);
    if (found.complete) return startOf(found.key);
  }
  const { value, key } = find(doc, issue.path);
  // A mapping or list starts on the line after its key: point at the key (a list item, at its first line).
  const collection = isMap(value) || isSeq(value) || (isScalar(value) && value.value === null);
  if (issue.code === 'required' || issue.code === 'one-of' || issue.code === 'unknown' || collection) return startOf(key) ?? startOf(value);
  return startOf(value) ?? startOf(key);
}

function sourceOf(text: string, doc: Parsed, path: readonly Segment[]): string | undefined {
  const { value, complete } = find(doc, path);
  const range = value?.range;
  return complete && isScalar(value) && range ? text.slice(range[0], range[1]) : undefined;
}

/**
 * A document's YAML errors, the first first: the ones after it mostly follow from it, and kubectl names only
 * the first. A line indented under a key that already has a value reads as a key running over two lines,
 * which the parser reports at the line above: it is said where the learner's mistake is.
 */
function yamlErrors(doc: Parsed, text: string): { offset: number; message: string }[] {
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const multiline = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
  if (multiline && multiline.pos[0] === errors[0]?.pos[0]) {
    const lastLine = text.lastIndexOf('\n', multiline.pos[1] - 1) + 1;
    const offset = lastLine + (/^[ \t]*/.exec(text.slice(lastLine))?.[0].length ?? 0);
    return [{ offset, message: 'this line is indented more than the key above it, which already has a value: a key cannot run over two lines (check the indentation)' }];
  }
  return errors.map((e) => ({ offset: e.pos[0], message: e.message }));
}

/** Loaded on first use: the Kubernetes validators, ObjectMeta's, ajv with Istio's schemas. */
const load = {
  kubernetes: () => import('./kubernetes-schemas.js'),
  metadata: () => import('./object-meta.js'),
  istio: () => import('./istio-schemas.js'),
};

/** Everything wrong with a manifest file's text (`file` names it in the problems), and the objects in it. */
export async function checkManifests(text: string, file: string): Promise<ManifestReport> {
  const lineCounter = new LineCounter();
  const problems: ManifestProblem[] = [];
  const objects: ManifestObject[] = [];
  const at = (offset: number | undefined, severity: ManifestProblem['severity'], message: string) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    problems.push({ file, line, col, severity, message: visible(message) });
  };

  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, customTags: YAML_11_BOOLEANS });
  const forbidden = [...text.matchAll(FORBIDDEN)];
  const [first] = forbidden;
  if (first) {
    const code = `U+${(first[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    at(first.index, 'error', `control character ${code} is not allowed in YAML${forbidden.length > 1 ? ` (nor the ${forbidden.length - 1} more after it)` : ''}; kubectl refuses the file`);
  }

  for (const doc of Array.isArray(docs) ? docs : []) {
    const [error] = yamlErrors(doc, text);
    if (error) at(error.offset, 'error', `YAML: ${error.message}`);
    for (const warning of doc.warnings) at(warning.pos[0], 'warning', `YAML: ${warning.message}`);
    if (doc.errors.length > 0) continue;
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      at(startOf(doc.contents ?? undefined), 'error', `YAML: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (object === null || object === undefined) continue; // an empty document, as kubectl skips it
    await checkObject(text, doc, object, { at, lineOf: (offset) => lineCounter.linePos(offset ?? 0).line, objects });
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { problems, objects };
}

/** The problems alone (see checkManifests). */
export async function manifestProblems(text: string, file: string): Promise<ManifestProblem[]> {
  return (await checkManifests(text, file)).problems;
}

interface Sink {
  at(offset: number | undefined, severity: ManifestProblem['severity'], message: string): void;
  lineOf(offset: number | undefined): number;
  objects: ManifestObject[];
}

async function checkObject(text: string, doc: Parsed, object: unknown, { at, lineOf, objects }: Sink): Promise<void> {
  const start = startOf(doc.contents ?? undefined);
  if (typeof object !== 'object' || Array.isArray(object) || object === null) {
    at(start, 'error', `expected a Kubernetes object (a mapping with apiVersion, kind and metadata), not ${Array.isArray(object) ? 'a list' : `the value ${JSON.stringify(object)}`}`);
    return;
  }
  const fields = object as Record<string, unknown>;
  const { apiVersion, kind } = fields;
  const missing = [apiVersion === undefined ? 'apiVersion' : '', kind === undefined ? 'kind' : ''].filter(Boolean);
  if (missing.length > 0) {
    at(start, 'error', `missing ${missing.join(' and ')}: every object names both (for example apiVersion: networking.istio.io/v1 and kind: VirtualService)`);
    return;
  }
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const wrong = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
    at(startOf(find(doc, [wrong]).value), 'error', `${wrong}: must be a string, not ${JSON.stringify(fields[wrong])}`);
    return;
  }
  const metadata = fields.metadata;
  const name = valueAt(metadata, ['name']);
  objects.push({ apiVersion: visible(apiVersion), kind: visible(kind), name: visible(typeof name === 'string' ? name : ''), line: lineOf(start) });

  const istio = istioAsset().kinds;
  const verdict = kindVerdict(apiVersion, kind, istio);
  if ('error' in verdict) {
    at(startOf(find(doc, [verdict.field]).value), 'error', verdict.error);
    return;
  }
  if ('warning' in verdict) at(startOf(find(doc, ['kind']).value), 'warning', verdict.warning);

  // kubectl apply finds the live object by its name: without one it stops before it asks the API server.
  if (name === undefined || name === null || name === '') {
    const generated = valueAt(metadata, ['generateName']) !== undefined ? ' (it cannot use generateName)' : '';
    const where = find(doc, ['metadata']);
    at((where.complete ? startOf(where.key) : undefined) ?? start, 'error', `missing required field "metadata.name": kubectl apply needs a name${generated}`);
  }
  const entry = verdict.schema === 'istio' ? istio[verdict.entry] : undefined;
  const issues =
    verdict.schema === 'kubernetes'
      ? ((await load.kubernetes()).kubernetesIssues(fields) ?? [])
      : entry
        ? (await load.istio()).istioIssues(fields, entry)
        : (await load.metadata()).metadataIssues(metadata);
  for (const issue of issues) at(issueOffset(doc, issue), 'error', issueMessage(issue, valueAt(fields, issue.path), sourceOf(text, doc, issue.path)));
}
