/**
 * The container images the workshop needs, worked out rather than listed by hand: Istio's own images for
 * the pinned version, every `image:` in the lessons' manifests, the `images:` a lesson declares for what it
 * applies from the Istio release's samples, and what runs beside the clusters (the node image, the
 * LoadBalancer provider and the Envoy it starts). Pulled once by `prefetch`, then loaded
 * into each cluster by `cluster up` (kind load docker-image) instead of every cluster pulling them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadLessonPack } from '../lesson/load.js';
import { LOAD_BALANCER_IMAGE } from './kind-clusters.js';
import { PINNED } from './versions.js';

/** Istio 1.30+ pulls from registry.istio.io: istiod (pilot) and the proxy for sidecars and gateways. */
export const ISTIO_IMAGES = [`registry.istio.io/release/pilot:${PINNED.istio}`, `registry.istio.io/release/proxyv2:${PINNED.istio}`];
/** What cloud-provider-kind v0.11.1 starts for each LoadBalancer service (its `list-images`). */
export const LOAD_BALANCER_ENVOY = 'docker.io/envoyproxy/envoy:v1.33.2';

export interface WorkshopImages {
  /** Loaded into every cluster. */
  inCluster: string[];
  /** Run by Docker itself, beside the clusters. */
  beside: string[];
}

function imagesIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) imagesIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'image' && typeof inner === 'string' && !inner.includes('${')) found.add(inner);
      else imagesIn(inner, found);
    }
  }
}

function yamlFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) && entry.name !== 'lesson.yaml' ? [full] : [];
  });
}

/** Every image named in the lessons' manifests (any YAML beside a lesson.yaml). */
export function manifestImages(lessonsDir: string): string[] {
  const found = new Set<string>();
  for (const file of yamlFiles(lessonsDir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (!('errors' in doc) || doc.errors.length === 0) imagesIn(doc.toJS(), found);
    }
  }
  return [...found].sort();
}

/** The `images:` each lesson declares (the samples it applies from the Istio release are not beside it). */
export function declaredImages(lessonsDir: string): string[] {
  // A broken lesson is lint's to report; prefetch takes the lessons that load.
  return [...new Set(loadLessonPack(lessonsDir).lessons.flatMap((loaded) => loaded.lesson.images ?? []))].sort();
}

export function workshopImages(lessonsDir: string): WorkshopImages {
  return { inCluster: [...new Set([...ISTIO_IMAGES, ...manifestImages(lessonsDir), ...declaredImages(lessonsDir)])], beside: [PINNED.nodeImage, LOAD_BALANCER_IMAGE, LOAD_BALANCER_ENVOY] };
}
