/** The YAML files a lesson folder holds besides lesson.yaml (its manifests, scaffolds, finished files), at any depth. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function lessonYamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return lessonYamlFiles(full);
    return /\.ya?ml$/.test(entry.name) && entry.name !== 'lesson.yaml' ? [full] : [];
  });
}
