// Types for vitest.config.ts, which resolves the same stand-ins as the bundle.
import type { BuildOptions } from 'esbuild';

export declare const BUNDLE_OPTIONS: BuildOptions & { alias: Record<string, string> };
