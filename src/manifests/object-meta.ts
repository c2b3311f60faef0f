/** Every object's metadata, checked as the API server decodes it for every kind, custom resources too. */
import { validate as objectMeta } from '@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta';
import { compiledIssues, type CompiledValidator } from './compiled-check.js';
import type { Issue, Segment } from './issues.js';

/** The issues of an object's `metadata` (Kubernetes 1.36's ObjectMeta). */
export function metadataIssues(metadata: unknown, at: Segment[] = ['metadata']): Issue[] {
  return metadata === undefined || metadata === null ? [] : compiledIssues(objectMeta as CompiledValidator, metadata, at);
}
