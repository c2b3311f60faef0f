/**
 * A lesson step's `view`, rendered: the JSON a step printed (`istioctl proxy-config routes … -o json`, or
 * a whole config dump) as istioctl's table with the view's filters, or the diff of the snapshots taken
 * before and after the step. The TUI, the plain and the JSON reporters all show this same text.
 */
import type { ViewPayload } from '../../engine/events.js';
import type { ProxyConfigFilters, View } from '../../lesson/schema.js';
import { clusterRows } from './clusters.js';
import { diffDumps, diffLines } from './diff.js';
import { isObject, ProxyConfigError, type Json, type JsonObject } from './dump.js';
import { endpointConfigRows } from './eds.js';
import { fitNote, fitTable } from './fit-table.js';
import { listenerRows } from './listeners.js';
import { allSummary } from './all.js';
import { bootstrapSummary } from './bootstrap.js';
import { ecdsRows } from './ecds.js';
import { endpointRows, parseClusters } from './endpoints.js';
import { secretItems, secretRows } from './secrets.js';
import { tabwrite } from './tabwriter.js';
import { routeRows } from './routes.js';

export interface RenderedView {
  title: string;
  lines: string[];
}


const SECTIONS: Record<string, { type: string; wrap: (item: Json) => Json; list: string }> = {
  route: { type: 'RoutesConfigDump', list: 'dynamic_route_configs', wrap: (item) => ({ route_config: item }) },
  cluster: { type: 'ClustersConfigDump', list: 'dynamic_active_clusters', wrap: (item) => ({ cluster: item }) },
  listener: { type: 'ListenersConfigDump', list: 'dynamic_listeners', wrap: (item) => ({ active_state: { listener: item } }) },
  eds: { type: 'EndpointsConfigDump', list: 'dynamic_endpoint_configs', wrap: (item) => ({ endpoint_config: item }) },
};

/** A config dump from what a step printed: a whole dump as it is, or the array `pc <kind> -o json` prints. */
export function dumpFromOutput(output: string, kind: string): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(output);
  } catch (error) {
    throw new ProxyConfigError(`the step's output is not JSON (${(error as Error).message.replace(/\s+/g, ' ')}); the step should print \`istioctl proxy-config ${kind} … -o json\``);
  }
  if (isObject(data) && Array.isArray(data.configs)) return data;
  const section = SECTIONS[kind];
  if (Array.isArray(data) && section) return { configs: [{ '@type': `type.googleapis.com/envoy.admin.v3.${section.type}`, [section.list]: data.map(section.wrap) }] };
  throw new ProxyConfigError(`the step's output is not a config dump nor a list of ${kind}s`);
}

function tableFor(kind: string, dump: JsonObject, filters: ProxyConfigFilters): { rows: string[][]; padding: number } {
  switch (kind) {
    case 'route':
      return { rows: routeRows(dump, { ...(filters.name ? { name: filters.name } : {}), ...(filters.verbose === undefined ? {} : { verbose: filters.verbose }) }), padding: 5 };
    case 'cluster':
      return { rows: clusterRows(dump, { ...(filters.fqdn ? { fqdn: filters.fqdn } : {}), ...(filters.port ? { port: filters.port } : {}), ...(filters.subset ? { subset: filters.subset } : {}), ...(filters.direction ? { direction: filters.direction } : {}) }), padding: 5 };
    case 'listener':
      return { rows: listenerRows(dump, { ...(filters.address ? { address: filters.address } : {}), ...(filters.port ? { port: filters.port } : {}), ...(filters.type ? { type: filters.type } : {}), ...(filters.verbose === undefined ? {} : { verbose: filters.verbose }) }), padding: 1 };
    case 'eds':
      return { rows: endpointConfigRows(dump, { ...(filters.address ? { address: filters.address } : {}), ...(filters.port ? { port: filters.port } : {}), ...(filters.cluster ? { cluster: filters.cluster } : {}), ...(filters.status ? { status: filters.status } : {}) }), padding: 5 };
    case 'secret':
      return { rows: secretRows(secretItems(dump, new Date())), padding: 5 };
    case 'ecds':
      return { rows: ecdsRows(dump), padding: 5 };
    default:
      throw new ProxyConfigError(`no table for ${kind}`);
  }
}

/** Views that are text rather than one table: bootstrap's summary, `all`'s sections, /clusters endpoints. */
function textFor(kind: string, output: string, filters: ProxyConfigFilters): string | undefined {
  switch (kind) {
    case 'bootstrap':
      return bootstrapSummary(dumpFromOutput(output, kind));
    case 'all':
      return allSummary(dumpFromOutput(output, kind), { now: new Date(), withHeaders: true });
    case 'endpoint':
      // `istioctl proxy-config endpoints -o json` prints Envoy's cluster statuses, not a config dump.
      return tabwrite(endpointRows(endpointsInput(output), { ...(filters.address ? { address: filters.address } : {}), ...(filters.port ? { port: filters.port } : {}), ...(filters.cluster ? { cluster: filters.cluster } : {}), ...(filters.status ? { status: filters.status } : {}) }), 5);
    default:
      return undefined;
  }
}

function endpointsInput(output: string): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(output);
  } catch (error) {
    throw new ProxyConfigError(`the step's output is not JSON (${(error as Error).message.replace(/\s+/g, ' ')}); the step should print \`istioctl proxy-config endpoints … -o json\``);
  }
  return Array.isArray(data) ? { cluster_statuses: data as Json[] } : parseClusters(output);
}

export function renderStepView(view: View, payload: ViewPayload, width?: number): RenderedView {
  const spec: ProxyConfigFilters & { kind: string } = typeof view === 'string' ? { kind: view } : view;
  const kind = spec.kind.replace(/^proxy-config\//, '');
  const title = kind === 'diff' ? 'What this step changed in Envoy' : `istioctl proxy-config ${kind}`;
  if ('error' in payload) return { title, lines: [`(nothing to show: ${payload.error})`] };
  try {
    if ('before' in payload) return { title, lines: diffLines(diffDumps(dumpFromOutput(payload.before, 'all'), dumpFromOutput(payload.after, 'all'))) };
    const asText = textFor(kind, payload.output, spec);
    if (asText !== undefined) return { title, lines: asText.replace(/\n$/, '').split('\n') };
    const { rows, padding } = tableFor(kind, dumpFromOutput(payload.output, kind), spec);
    const fitted = fitTable(rows, padding, width);
    const note = fitNote(fitted, width);
    return { title, lines: [...fitted.text.replace(/\n$/, '').split('\n'), ...(note ? [note] : [])] };
  } catch (error) {
    if (error instanceof ProxyConfigError) return { title, lines: [`(nothing to show: ${error.message})`] };
    throw error;
  }
}
