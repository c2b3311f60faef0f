// Writes schema/lesson.schema.json and schema/diagram.schema.json from the built CLI (`npm run schema`):
// authors' editors read them, and the schema-file test fails while they differ from the code. Written
// compact: they ship in the package, and only editors read them (`mesh-workshop schema` prints them for people).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

for (const which of ['lesson', 'diagram']) {
  const schema = execFileSync(process.execPath, ['bin/mesh-workshop.js', 'schema', which], { encoding: 'utf8' });
  writeFileSync(`schema/${which}.schema.json`, `${JSON.stringify(JSON.parse(schema))}\n`);
}
