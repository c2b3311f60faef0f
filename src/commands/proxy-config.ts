/**
 * `mesh-workshop proxy-config <kind> --file FILE [filters] [-o short|json|yaml]`, `proxy-config diff --before A
 * --after B`, and `mesh-workshop proxy-status --file FILE`: istioctl's views over a dump captured elsewhere
 * (`-f -` reads stdin). Tables fit the terminal; piped, they are istioctl's text byte for byte.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { allSummary } from '../views/proxy-config/all.js';
import { bootstrapOutput } from '../views/proxy-config/bootstrap.js';
import { clusterRows, selectClusters } from '../views/proxy-config/clusters.js';
import { diffDumps, diffLines } from '../views/proxy-config/diff.js';
import { parseDump, ProxyConfigError, type JsonObject } from '../views/proxy-config/dump.js';
import { ecdsOutput, ecdsRows } from '../views/proxy-config/ecds.js';
import { endpointConfigRows, selectLoadAssignments } from '../views/proxy-config/eds.js';
import { endpointRows, endpointsOutput, parseClusters } from '../views/proxy-config/endpoints.js';
import { fitNote, fitTable } from '../views/proxy-config/fit-table.js';
import { goYaml, protoArrayOutput } from '../views/proxy-config/json-output.js';
import { listenerRows, selectListeners } from '../views/proxy-config/listeners.js';
import { legacyProxyStatus, parseDiscoveryResponses, proxyStatus } from '../views/proxy-config/proxy-status.js';
import { routeRows, selectRoutes } from '../views/proxy-config/routes.js';
import { secretDumpOutput, secretItems, secretRows, secretSummary } from '../views/proxy-config/secrets.js';
import type { Flags } from './options.js';

const KINDS: Record<string, string> = { routes: 'route', route: 'route', r: 'route', clusters: 'cluster', cluster: 'cluster', c: 'cluster', listeners: 'listener', listener: 'listener', l: 'listener', endpoints: 'endpoint', endpoint: 'endpoint', ep: 'endpoint', eds: 'eds', secret: 'secret', secrets: 'secret', s: 'secret', bootstrap: 'bootstrap', b: 'bootstrap', ecds: 'ecds', ec: 'ecds', all: 'all', a: 'all', diff: 'diff' };
const USAGE = 'usage: mesh-workshop proxy-config <routes|clusters|listeners|endpoints|eds|secret|bootstrap|ecds|all> --file FILE [filters] [-o short|json|yaml], or proxy-config diff --before A --after B';

function readInput(file: string | undefined, what: string): string {
  if (!file) throw new UserError(`${what}: which file? Give --file FILE (or --file - for standard input)`);
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UserError(`${what}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

function port(flags: Flags): number | undefined {
  if (flags.port === undefined) return undefined;
  const value = Number(flags.port);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UserError(`--port ${flags.port}: a port is a number from 1 to 65535`);
  return value || undefined;
}

function format(flags: Flags, fallback: 'short' | 'json'): 'short' | 'json' | 'yaml' {
  const output = flags.output ?? fallback;
  if (output !== 'short' && output !== 'json' && output !== 'yaml') throw new UserError(`-o ${output}: choose one of short, json, yaml`);
  return output;
}

/** A table at the terminal's width (with a note when something was left out), or istioctl's bytes when piped. */
function table(rows: string[][], padding: number): string {
  const width = process.stdout.isTTY ? process.stdout.columns : undefined;
  const fitted = fitTable(rows, padding, width);
  const note = fitNote(fitted, width);
  return `${fitted.text}${note ? `${note}\n` : ''}`;
}

function render(kind: string, dump: () => JsonObject, flags: Flags): string {
  const output = format(flags, kind === 'bootstrap' ? 'json' : 'short');
  const verbose = flags['no-verbose'] ? false : true;
  const filters = {
    route: { ...(flags.name ? { name: flags.name } : {}), verbose },
    cluster: { ...(flags.fqdn ? { fqdn: flags.fqdn } : {}), ...(port(flags) ? { port: port(flags) } : {}), ...(flags.subset ? { subset: flags.subset } : {}), ...(flags.direction ? { direction: flags.direction } : {}) },
    listener: { ...(flags.address ? { address: flags.address } : {}), ...(port(flags) ? { port: port(flags) } : {}), ...(flags.type ? { type: flags.type } : {}), verbose },
    endpoint: { ...(flags.address ? { address: flags.address } : {}), ...(port(flags) ? { port: port(flags) } : {}), ...(flags.cluster ? { cluster: flags.cluster } : {}), ...(flags.status ? { status: flags.status } : {}) },
  };
  switch (kind) {
    case 'route':
      return output === 'short' ? table(routeRows(dump(), filters.route), 5) : protoArrayOutput(selectRoutes(dump(), filters.route), output);
    case 'cluster':
      return output === 'short' ? table(clusterRows(dump(), filters.cluster), 5) : protoArrayOutput(selectClusters(dump(), filters.cluster), output);
    case 'listener':
      return output === 'short' ? table(listenerRows(dump(), filters.listener), 1) : protoArrayOutput(selectListeners(dump(), filters.listener), output);
    case 'eds':
      return output === 'short' ? table(endpointConfigRows(dump(), filters.endpoint), 5) : protoArrayOutput(selectLoadAssignments(dump(), filters.endpoint), output);
    case 'endpoint': {
      const clusters = parseClusters(readInput(flags.file, 'proxy-config endpoints'));
      return output === 'short' ? table(endpointRows(clusters, filters.endpoint), 5) : endpointsOutput(clusters, filters.endpoint, output);
    }
    case 'secret': {
      if (output !== 'short') return secretDumpOutput(dump(), output);
      const items = secretItems(dump(), new Date());
      return items.length === 0 ? secretSummary(dump(), { now: new Date() }) : table(secretRows(items), 5);
    }
    case 'bootstrap':
      return bootstrapOutput(dump(), output);
    case 'ecds':
      return output === 'short' ? table(ecdsRows(dump()), 5) : ecdsOutput(dump(), output);
    case 'all':
      // As istioctl: the dump itself, as it came (YAML by converting it).
      if (output === 'json') return readInput(flags.file, 'proxy-config all');
      if (output === 'yaml') return goYaml(dump());
      return allSummary(dump(), { clusters: filters.cluster, listeners: filters.listener, routes: { ...(flags.name ? { name: flags.name } : {}), verbose }, endpoints: { ...(flags.address ? { address: flags.address } : {}), ...(port(flags) ? { port: port(flags) } : {}) }, withHeaders: flags['with-headers'] === true, now: new Date() });
    default:
      throw new UserError(USAGE);
  }
}

export function proxyConfigCommand(flags: Flags, args: string[]): number {
  const [given, ...extra] = args;
  const kind = KINDS[given ?? ''];
  if (!kind || extra.length > 0) throw new UserError(given && !kind ? `unknown kind '${given}'; ${USAGE}` : USAGE);
  try {
    if (kind === 'diff') {
      const before = parseDump(readInput(flags.before, 'proxy-config diff --before'), flags.before);
      const after = parseDump(readInput(flags.after, 'proxy-config diff --after'), flags.after);
      process.stdout.write(`${diffLines(diffDumps(before, after)).join('\n')}\n`);
      return 0;
    }
    let parsed: JsonObject | undefined;
    const dump = (): JsonObject => (parsed ??= parseDump(readInput(flags.file, `proxy-config ${given ?? ''}`), flags.file));
    process.stdout.write(render(kind, dump, flags));
    return 0;
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new UserError(`proxy-config ${given ?? ''}: ${error.message}`);
    throw error;
  }
}

export function proxyStatusCommand(flags: Flags, args: string[]): number {
  if (args.length > 0) throw new UserError('usage: mesh-workshop proxy-status --file FILE [-o table|json|yaml] [-n NAMESPACE] [--verbosity 1] [--legacy]');
  const output = flags.output ?? 'table';
  if (output !== 'table' && output !== 'json' && output !== 'yaml') throw new UserError(`-o ${output}: choose one of table, json, yaml`);
  try {
    const responses = parseDiscoveryResponses(readInput(flags.file, 'proxy-status'));
    const namespace = flags.namespace ? { namespace: flags.namespace } : {};
    const text = flags.legacy ? legacyProxyStatus(responses, { ...namespace, now: new Date() }) : proxyStatus(responses, { output, verbosity: Number(flags.verbosity ?? 0), ...namespace, now: new Date() });
    process.stdout.write(text);
    return 0;
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new UserError(`proxy-status: ${error.message}`);
    throw error;
  }
}
