/**
 * `istioctl proxy-status <pod>`: Istiod's view of a proxy's config against Envoy's own config dump
 * (istioctl's `compare` package, reference §7 "Diff mode"). For clusters, listeners and routes, both
 * sides' dynamic resources are normalized (sorted by name, versions and timestamps cleared), printed as
 * jsonpb JSON, and compared with a unified diff as go-difflib (a port of Python's difflib) prints it.
 */
import { at, camel, field, isObject, list, ProxyConfigError, requireSection, text, type Json, type JsonObject, type SectionName } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { jsonpbString } from './jsonpb.js';

export interface DiffOptions {
  /** IANA zone for the RDS load time; istioctl uses the local zone, so callers pass the user's (default UTC). */
  readonly timeZone?: string;
}

const CONTEXT_LINES = 7;

/** The object without these proto fields, however the dump spelled them. */
function without(object: JsonObject, ...names: string[]): JsonObject {
  const drop = new Set(names.flatMap((name) => [name, camel(name)]));
  return Object.fromEntries(Object.entries(object).filter(([key]) => !drop.has(key)));
}

/** The object with one field's value replaced in place (field order is what jsonpb prints and the diff shows). */
function replaced(object: JsonObject, name: string, change: (value: Json) => Json): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, key === name || key === camel(name) ? change(value) : value]));
}

/** The Any in `name` retyped to the v3 type URL, as Go does so that v2 and v3 dumps compare. */
function retyped(object: JsonObject, name: string, typeUrl: string): JsonObject {
  return replaced(object, name, (any) => (isObject(any) ? { ...any, '@type': typeUrl } : any));
}

const byName = (name: (entry: JsonObject) => Json | undefined) => (a: JsonObject, b: JsonObject) => text(name(a)) < text(name(b));

/** Each kind: its section and how Go normalizes it (GetDynamic*Dump(true)) before printing it as jsonpb JSON. */
const KINDS: readonly { kind: string; section: SectionName; normalize: (section: JsonObject) => JsonObject }[] = [
  {
    kind: 'Clusters',
    section: 'ClustersConfigDump',
    normalize: (section) => {
      const clusters = list(field(section, 'dynamic_active_clusters'))
        .filter(isObject)
        .map((entry) => without(retyped(entry, 'cluster', 'type.googleapis.com/envoy.config.cluster.v3.Cluster'), 'version_info', 'last_updated'));
      return { dynamic_active_clusters: goSortSlice(clusters, byName((entry) => at(entry, 'cluster', 'name'))) };
    },
  },
  {
    kind: 'Listeners',
    section: 'ListenersConfigDump',
    normalize: (section) => {
      // A reloaded listener also has a draining state; only the active one is compared. Envoy (since
      // Istio 1.5) names the entry itself and Istiod does not, so the entry name is dropped.
      const listeners = list(field(section, 'dynamic_listeners'))
        .filter((entry): entry is JsonObject => isObject(entry) && isObject(field(entry, 'active_state')))
        .map((entry) =>
          replaced(without(entry, 'draining_state', 'name'), 'active_state', (active) =>
            without(retyped(active as JsonObject, 'listener', 'type.googleapis.com/envoy.config.listener.v3.Listener'), 'version_info', 'last_updated'),
          ),
        );
      return { dynamic_listeners: goSortSlice(listeners, byName((entry) => at(entry, 'active_state', 'listener', 'name'))) };
    },
  },
  {
    kind: 'Routes',
    section: 'RoutesConfigDump',
    normalize: (section) => {
      // Virtual hosts come in no fixed order either, so they are sorted inside each route config.
      const sortHosts = (hosts: Json): Json => goSortSlice(list(hosts).filter(isObject), byName((host) => field(host, 'name')));
      const routes = list(field(section, 'dynamic_route_configs'))
        .filter(isObject)
        .map((entry) =>
          replaced(without(entry, 'version_info', 'last_updated'), 'route_config', (config) =>
            isObject(config) ? replaced({ ...config, '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration' }, 'virtual_hosts', sortHosts) : config,
          ),
        );
      return { dynamic_route_configs: goSortSlice(routes, byName((entry) => at(entry, 'route_config', 'name'))) };
    },
  },
];

/** One side's text: the normalized JSON, or istioctl's error when the section is missing (that is diffed too). */
function sideText(dump: JsonObject, section: SectionName, normalize: (section: JsonObject) => JsonObject): string {
  let found: JsonObject;
  try {
    found = requireSection(dump, section);
  } catch (error) {
    if (error instanceof ProxyConfigError) return error.message;
    throw error;
  }
  return jsonpbString(normalize(found));
}

/**
 * What `istioctl proxy-status <pod>` prints: `<Kind> Match`, or `<Kind> Don't Match` and the diff, for
 * Clusters, Listeners and Routes. Throws istioctl's error when Envoy's dump has no routes section
 * (istioctl would have printed the Clusters and Listeners parts first).
 */
export function proxyStatusDiff(istiod: JsonObject, envoy: JsonObject, options: DiffOptions = {}): string {
  return KINDS.map(({ kind, section, normalize }) => {
    const diff = unifiedDiff(sideText(istiod, section, normalize), sideText(envoy, section, normalize), `Istiod ${kind}`, `Envoy ${kind}`, CONTEXT_LINES);
    const loaded = kind === 'Routes' ? routesLoaded(envoy, options.timeZone) : '';
    // Go prints the diff with Fprintln although it already ends in a newline: one blank line follows.
    return diff ? `${kind} Don't Match${loaded}\n${diff}\n` : `${kind} Match${loaded}\n`;
  }).join('');
}

/** ` (RDS last loaded at <RFC1123>)` from the newest `last_updated` of Envoy's dynamic route configs. */
function routesLoaded(envoy: JsonObject, timeZone: string | undefined): string {
  let newest = 0; // Go starts at the Unix epoch and reports only later times.
  for (const entry of list(field(requireSection(envoy, 'RoutesConfigDump'), 'dynamic_route_configs'))) {
    const stamp = field(entry, 'last_updated');
    if (typeof stamp !== 'string') continue;
    const time = Date.parse(stamp);
    if (Number.isNaN(time)) throw new ProxyConfigError(`bad last_updated timestamp "${stamp}" in the Envoy config dump`);
    newest = Math.max(newest, time);
  }
  return newest > 0 ? ` (RDS last loaded at ${rfc1123(new Date(newest), timeZone)})` : '';
}

/**
 * Go's time.RFC1123 (`Mon, 02 Jan 2006 15:04:05 MST`) in an IANA zone; an unknown zone falls back to UTC
 * as istioctl does. The zone abbreviation is ICU's, which can differ from Go's for some zones (`GMT+1`
 * where Go says `CET`).
 */
export function rfc1123(date: Date, timeZone = 'UTC'): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  } catch {
    return rfc1123(date, 'UTC');
  }
  const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${part['weekday']}, ${part['day']} ${part['month']} ${part['year']} ${part['hour']}:${part['minute']}:${part['second']} ${part['timeZoneName']}`;
}

// ---- go-difflib (github.com/pmezard/go-difflib, a port of Python difflib), as much as unified diffs need.

type OpCode = readonly ['r' | 'd' | 'i' | 'e', number, number, number, number];
type Block = readonly [number, number, number];

/** difflib.SplitLines: every line keeps its newline, and the last one gets one added. */
function splitLines(text: string): string[] {
  // strings.SplitAfter keeps an empty last piece after a final newline, which then becomes "\n".
  const lines = text.split('\n').map((line, index, all) => (index < all.length - 1 ? `${line}\n` : line));
  lines[lines.length - 1] += '\n';
  return lines;
}

/** SequenceMatcher's matching blocks (no junk function; "autojunk" drops lines more common than 1% + 1 when b has 200+ lines). */
function matchingBlocks(a: readonly string[], b: readonly string[]): Block[] {
  const b2j = new Map<string, number[]>();
  b.forEach((line, j) => b2j.set(line, [...(b2j.get(line) ?? []), j]));
  if (b.length >= 200) {
    const limit = Math.floor(b.length / 100) + 1;
    for (const [line, indexes] of b2j) if (indexes.length > limit) b2j.delete(line);
  }

  // The longest matching run in a[alo:ahi] × b[blo:bhi], earliest in a, then earliest in b.
  const longest = (alo: number, ahi: number, blo: number, bhi: number): Block => {
    let [besti, bestj, best] = [alo, blo, 0];
    let runs = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (runs.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > best) [besti, bestj, best] = [i - k + 1, j - k + 1, k];
      }
      runs = next;
    }
    // Popular lines are not in b2j; grow the match over equal lines on both ends.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) [besti, bestj, best] = [besti - 1, bestj - 1, best + 1];
    while (besti + best < ahi && bestj + best < bhi && a[besti + best] === b[bestj + best]) best++;
    return [besti, bestj, best];
  };

  const found: Block[] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    found.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  // Merge blocks that touch, then end with the (len(a), len(b), 0) sentinel.
  const blocks: Block[] = [];
  for (const block of found) {
    const last = blocks.at(-1);
    if (last && last[0] + last[2] === block[0] && last[1] + last[2] === block[1]) blocks[blocks.length - 1] = [last[0], last[1], last[2] + block[2]];
    else blocks.push(block);
  }
  blocks.push([a.length, b.length, 0]);
  return blocks;
}

function opCodes(a: readonly string[], b: readonly string[]): OpCode[] {
  const codes: OpCode[] = [];
  let [i, j] = [0, 0];
  for (const [ai, bj, size] of matchingBlocks(a, b)) {
    if (i < ai && j < bj) codes.push(['r', i, ai, j, bj]);
    else if (i < ai) codes.push(['d', i, ai, j, bj]);
    else if (j < bj) codes.push(['i', i, ai, j, bj]);
    [i, j] = [ai + size, bj + size];
    if (size > 0) codes.push(['e', ai, i, bj, j]);
  }
  return codes;
}

/** GetGroupedOpCodes: the changes with up to `n` lines of context, split where n*2+ lines are equal. */
function groupedOpCodes(a: readonly string[], b: readonly string[], n: number): OpCode[][] {
  const codes = opCodes(a, b);
  if (codes.length === 0) codes.push(['e', 0, 1, 0, 1]);
  const first = codes[0]!;
  if (first[0] === 'e') codes[0] = ['e', Math.max(first[1], first[2] - n), first[2], Math.max(first[3], first[4] - n), first[4]];
  const last = codes.at(-1)!;
  if (last[0] === 'e') codes[codes.length - 1] = ['e', last[1], Math.min(last[2], last[1] + n), last[3], Math.min(last[4], last[3] + n)];

  const groups: OpCode[][] = [];
  let group: OpCode[] = [];
  for (const [tag, i1, i2, j1, j2] of codes) {
    let [from, to] = [i1, j1];
    if (tag === 'e' && i2 - i1 > n * 2) {
      group.push(['e', i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
      groups.push(group);
      group = [];
      [from, to] = [Math.max(i1, i2 - n), Math.max(j1, j2 - n)];
    }
    group.push([tag, from, i2, to, j2]);
  }
  if (group.length > 0 && !(group.length === 1 && group[0]![0] === 'e')) groups.push(group);
  return groups;
}

/** A hunk range in unified-diff ("ed") form: `start,length`, or just `start` for one line. */
function unifiedRange(start: number, stop: number): string {
  const length = stop - start;
  if (length === 1) return String(start + 1);
  return `${length === 0 ? start : start + 1},${length}`;
}

/** go-difflib's GetUnifiedDiffString of two texts; "" when they are equal. */
export function unifiedDiff(from: string, to: string, fromFile: string, toFile: string, context: number): string {
  const [a, b] = [splitLines(from), splitLines(to)];
  const groups = groupedOpCodes(a, b, context);
  if (groups.length === 0) return '';
  const out = [`--- ${fromFile}\n`, `+++ ${toFile}\n`];
  for (const group of groups) {
    const [first, last] = [group[0]!, group.at(-1)!];
    out.push(`@@ -${unifiedRange(first[1], last[2])} +${unifiedRange(first[3], last[4])} @@\n`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'e') out.push(...a.slice(i1, i2).map((line) => ` ${line}`));
      if (tag === 'r' || tag === 'd') out.push(...a.slice(i1, i2).map((line) => `-${line}`));
      if (tag === 'r' || tag === 'i') out.push(...b.slice(j1, j2).map((line) => `+${line}`));
    }
  }
  return out.join('');
}
