// The bundle's stand-in for @kubernetes-models/validate's formats (scripts/bundle-options.mjs aliases it)
// must judge every value as the package does: the tests run the package's own, the shipped CLI the stand-in.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { formats as real } from '@kubernetes-models/validate';
import { describe, expect, it } from 'vitest';
import { formats as standIn } from '../../src/manifests/kubernetes-formats.js';

type Format = { validate: ((value: never) => boolean) | RegExp };
const judge = (format: Format, value: unknown): boolean => (format.validate instanceof RegExp ? format.validate.test(String(value)) : (format.validate as (value: unknown) => boolean)(value));

const SAMPLES: Record<string, unknown[]> = {
  int32: [0, 1, -1, 80, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER],
  int64: [0, -5, 2 ** 40, 1.5, 2 ** 53],
  double: [0, 1.5, -2e10],
  'date-time': ['2026-01-31T12:00:00Z', '2026-01-31t12:00:00.5+02:00', '2026-01-31 12:00:00Z', '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2026-01-31T12:00:00', '2026-13-01T00:00:00Z', '2016-12-31T23:59:60Z', '2016-12-31T22:59:60-01:00', '2026-01-31T12:59:60Z', 'yesterday', ''],
  byte: ['aGVsbG8=', 'aGVsbG8', 'aGk=', '', 'hunter2', 'aGVs\nbG8=', 'a+b/'],
  quantity: ['100m', '0.5', '64Mi', '1Gi', '1e3', '1.5E-2', '+2', '-1k', '.5', '5.', 'lots', '1 Gi', '1GB', '1da', ''],
};

describe('the formats the shipped validators read', () => {
  it('are all the stand-in has, and all it needs: every format the bundled validators name', () => {
    const require = createRequire(import.meta.url);
    const models = path.dirname(require.resolve('kubernetes-models/package.json'));
    const dirs = [path.join(models, '_schemas'), path.join(path.dirname(createRequire(path.join(models, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json')), '_schemas')];
    const named = new Set(dirs.flatMap((dir) => readdirSync(dir).filter((file) => file.endsWith('.js')).flatMap((file) => [...readFileSync(path.join(dir, file), 'utf8').matchAll(/formats(?:\.([\w$]+)|\["([^"]+)"\])/g)].map((m) => m[1] ?? m[2]))));
    expect([...named].sort()).toEqual(Object.keys(standIn).sort());
  });

  it.each(Object.entries(SAMPLES))('%s: the stand-in agrees with the package on every sample', (name, values) => {
    const theirs = (real as Record<string, Format>)[name];
    const ours = (standIn as Record<string, Format>)[name];
    expect(theirs).toBeDefined();
    expect(ours).toBeDefined();
    expect(values.map((value) => judge(ours as Format, value))).toEqual(values.map((value) => judge(theirs as Format, value)));
    // Each sample set holds both verdicts, so a stand-in that says yes (or no) to everything fails.
    expect(new Set(values.map((value) => judge(ours as Format, value))).size, name === 'double' ? 'double accepts every number' : name).toBe(name === 'double' ? 1 : 2);
  });
});
