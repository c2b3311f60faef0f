/**
 * Kubernetes manifests checked as `kubectl apply` checks them: against Kubernetes 1.36's OpenAPI schemas
 * (compiled into validators by the kubernetes-models package, generated from the 1.36.0 spec), with unknown
 * fields refused as strict field validation does, so a misspelt field fails here, not in a learner's terminal.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Model {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

const require = createRequire(import.meta.url);
const entries = Object.keys((JSON.parse(readFileSync(require.resolve('kubernetes-models/package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports)
  .map((entry) => /^\.\/(?:([a-z0-9.-]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/.exec(entry))
  .filter((match) => match !== null);

// Every group the package knows, core ('') included: a CRD group (gateway.networking.k8s.io, *.istio.io) is not one.
const groups = new Set(entries.map(([, group]) => group ?? ''));

// Through a variable, so the test bundler leaves the specifier for Node to resolve.
const load = (specifier: string) => import(specifier) as Promise<Record<string, unknown>>;

// Stable versions only: the package also carries betas (off by default) and APIs removed before 1.36, merged
// in from older specs, which a 1.36 cluster would refuse.
const models = new Map<string, Model>();
for (const module of await Promise.all(entries.filter(([, , version]) => /^v\d+$/.test(version ?? '')).map(([entry]) => load(`kubernetes-models${entry.slice(1)}`)))) {
  for (const value of Object.values(module)) {
    const model = value as Partial<Model>;
    if (typeof value === 'function' && typeof model.apiVersion === 'string' && typeof model.kind === 'string') models.set(`${model.apiVersion}:${model.kind}`, model as Model);
  }
}

// The package's compiler drops properties named like JSON Schema annotations from its validators (only
// PriorityClass, CRD schemas and printer columns have them): never reported as unknown.
const UNCHECKED = /^(description|x-kubernetes-.*)$/;

const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Problems with one Kubernetes object, as `path: message` lines (empty when valid). */
export function kubernetesManifestProblems(object: { apiVersion?: string; kind?: string; [field: string]: unknown }): string[] {
  const model = models.get(`${object.apiVersion ?? ''}:${object.kind ?? ''}`);
  if (!model) return [`no Kubernetes schema for ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`];
  // The validators check types, enums and required fields but let unknown fields through. They read every
  // property their schema names (present or not) and every key of a map, so watching reads tells the unknown
  // fields: keys never read in an object the validator looked into. Objects it never read (free-form) are skipped.
  const watched = new Map<object, { path: string; read: Set<string>; proxy: object }>();
  const watch = (value: unknown, path: string): unknown => {
    if (!value || typeof value !== 'object') return value;
    let entry = watched.get(value);
    if (!entry) {
      const read = new Set<string>();
      const proxy = new Proxy(value, {
        get: (target, key) => {
          if (typeof key !== 'string') return Reflect.get(target, key) as unknown;
          read.add(key);
          return watch(Reflect.get(target, key), `${path}/${pointer(key)}`);
        },
      });
      entry = { path, read, proxy };
      watched.set(value, entry);
    }
    return entry.proxy;
  };
  const problems: string[] = [];
  try {
    model.prototype.validate.call(watch(object, ''));
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!errors) throw error;
    problems.push(...errors.map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`));
  }
  for (const [target, { path, read }] of watched) {
    if (Array.isArray(target) || read.size === 0) continue;
    for (const key of Object.keys(target)) if (!read.has(key) && !UNCHECKED.test(key)) problems.push(`${path || '/'}: must NOT have additional properties '${key}'`);
  }
  return problems;
}

/** A built-in Kubernetes API group (core, apps, batch, networking.k8s.io …), whatever the version. */
export function isKubernetesKind(apiVersion: string | undefined): boolean {
  if (!apiVersion) return false;
  return groups.has(apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');
}
