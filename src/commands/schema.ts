/** `mesh-workshop schema`: the lesson JSON Schema, for `# yaml-language-server: $schema=…`. */
import { lessonJsonSchema } from '../lesson/schema.js';

export function schemaCommand(): number {
  process.stdout.write(`${JSON.stringify(lessonJsonSchema(), null, 2)}\n`);
  return 0;
}
