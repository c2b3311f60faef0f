/**
 * Istio 1.31's CRD schemas as shipped: assets/istio-1.31-schemas.json, which scripts/istio-schemas.mjs
 * derives from Istio's crd-all.gen.yaml (descriptions and what validation does not read taken out).
 * Read once, on the first manifest that needs it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultAssetsDir } from '../paths.js';
import type { IstioKind } from './kinds.js';

export interface IstioSchemaEntry extends IstioKind {
  /** The CRD's openAPIV3Schema, compacted. */
  schema: Record<string, unknown>;
}

export interface IstioAsset {
  istio: string;
  kinds: IstioSchemaEntry[];
}

export const ISTIO_ASSET = 'istio-1.31-schemas.json';

let asset: IstioAsset | undefined;

export function istioAsset(): IstioAsset {
  asset ??= JSON.parse(readFileSync(path.join(defaultAssetsDir(), ISTIO_ASSET), 'utf8')) as IstioAsset;
  return asset;
}
