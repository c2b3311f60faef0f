/**
 * Unpacking a `google.protobuf.Any` from the dump the way Go's anypb.UnmarshalTo checks it, so a wrong or
 * missing message fails with the text istioctl prints.
 */
import { isObject, ProxyConfigError, type Json, type JsonObject } from './dump.js';

/** The Any's message when its `@type` names `fullName` (e.g. `envoy.config.core.v3.TypedExtensionConfig`). */
export function unmarshalAny(value: Json | undefined, fullName: string): JsonObject {
  if (!isObject(value)) throw new ProxyConfigError('proto: invalid nil source message');
  const typeUrl = typeof value['@type'] === 'string' ? value['@type'] : '';
  const messageName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  if (messageName !== fullName) throw new ProxyConfigError(`proto: mismatched message type: got "${fullName}", want "${messageName}"`);
  return value;
}
