import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from '../../src/lesson/schema.js';

describe('schema/lesson.schema.json', () => {
  it('is the schema generated from the zod source of truth (npm run schema writes it; the build does not)', () => {
    expect(JSON.parse(readFileSync('schema/lesson.schema.json', 'utf8'))).toEqual(lessonJsonSchema());
  });
  it('schema/diagram.schema.json is generated the same way, and every bundled diagram points at it', async () => {
    const { diagramJsonSchema } = await import('../../src/diagrams/schema.js');
    expect(JSON.parse(readFileSync('schema/diagram.schema.json', 'utf8'))).toEqual(diagramJsonSchema());
    const { readdirSync } = await import('node:fs');
    for (const file of readdirSync('assets/diagrams')) expect(readFileSync(`assets/diagrams/${file}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/diagram.schema.json');
  });
  it('the tour lesson points editors at it', () => {
    expect(readFileSync('lessons/00-tour/lesson.yaml', 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/lesson.schema.json');
  });
});

describe('the JSON Schema in an editor', () => {
  it('accepts the tour lesson and rejects a misspelt field, as a JSON Schema validator sees it', async () => {
    // ajv ships CommonJS; require() gives its class with the types it declares.
    const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
    const { parse } = await import('yaml');
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync('schema/lesson.schema.json', 'utf8')) as object);
    const tour = parse(readFileSync('lessons/00-tour/lesson.yaml', 'utf8')) as Record<string, unknown>;
    expect(validate(tour), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...tour, tilte: 'x' })).toBe(false);
  });
});
