/**
 * A one-step lesson whose step prints what `istioctl proxy-config routes … -o json` prints for the
 * gateway fixture (an array of route configurations) and shows it with `view: proxy-config/route`.
 */
import { parseDump, routeConfigsOf } from '../../src/views/proxy-config/dump.js';
import { istioctlFixture } from './istioctl-fixtures.js';

export const GATEWAY_ROUTES_JSON = JSON.stringify(routeConfigsOf(parseDump(istioctlFixture('writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json'))));

export const ROUTE_VIEW_STEPS = `
steps:
  - id: routes
    title: What the gateway routes
    run: cat routes.json
    view: { kind: proxy-config/route, name: http.8080 }
`;

export const ROUTE_VIEW_FILES = { 'routes.json': GATEWAY_ROUTES_JSON };
