/** `mesh-workshop schema [diagram]`: the lesson (or diagram) JSON Schema, for `# yaml-language-server: $schema=…`. */
import { UserError } from '../errors.js';

export async function schemaCommand(args: string[]): Promise<number> {
  const [which = 'lesson'] = args;
  if (which !== 'lesson' && which !== 'diagram') throw new UserError(`schema ${which}: choose lesson (the default) or diagram`);
  const schema = which === 'diagram' ? (await import('../diagrams/schema.js')).diagramJsonSchema() : (await import('../lesson/schema.js')).lessonJsonSchema();
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
