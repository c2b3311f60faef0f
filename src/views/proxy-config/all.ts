/**
 * `istioctl proxy-config all`: bootstrap summary, clusters, listeners, routes, secrets and EDS endpoints,
 * each table naming its config type (`cluster/…`, `listener/…`), one blank line between sections, and
 * with `--with-headers` a `------ X INFO ------` line before each.
 */
import { bootstrapSummary } from './bootstrap.js';
import { clusterRows, type ClusterFilter } from './clusters.js';
import type { JsonObject } from './dump.js';
import { endpointConfigRows, type EndpointFilter } from './eds.js';
import { listenerRows, type ListenerFilter } from './listeners.js';
import { routeRows, type RouteFilter } from './routes.js';
import { secretSummary } from './secrets.js';
import { tabwrite } from './tabwriter.js';

export interface AllOptions {
  clusters?: ClusterFilter;
  listeners?: ListenerFilter;
  routes?: RouteFilter;
  endpoints?: EndpointFilter;
  withHeaders?: boolean;
  /** For the secrets' VALID CERT column. */
  now: Date;
}

export function allSummary(dump: JsonObject, options: AllOptions): string {
  const sections: [string, () => string][] = [
    ['BOOTSTRAP', () => bootstrapSummary(dump)],
    ['CLUSTER', () => tabwrite(clusterRows(dump, options.clusters, true), 5)],
    ['LISTENER', () => tabwrite(listenerRows(dump, options.listeners, true), 1)],
    ['ROUTE', () => tabwrite(routeRows(dump, options.routes, true), 5)],
    ['SECRET', () => secretSummary(dump, { now: options.now, configType: true })],
    ['ENDPOINTS', () => tabwrite(endpointConfigRows(dump, options.endpoints, true), 5)],
  ];
  return sections.map(([name, render]) => `${options.withHeaders ? `------ ${name} INFO ------\n\n` : ''}${render()}`).join('\n');
}
