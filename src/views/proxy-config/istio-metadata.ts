/** The Istio resource behind an Envoy object, from `metadata.filter_metadata.istio.config`, as istioctl names it. */
import { at, type Json } from './dump.js';

/** `/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews` → `reviews.default`. */
export function istioConfigName(object: Json | undefined): string {
  const config = at(object, 'metadata', 'filter_metadata', 'istio', 'config');
  if (config === undefined) return '';
  if (typeof config !== 'string' || !config.startsWith('/apis/networking.istio.io/')) return '<unknown>';
  const parts = config.split('/');
  return parts.length === 8 ? `${parts[7] ?? ''}.${parts[5] ?? ''}` : '';
}
