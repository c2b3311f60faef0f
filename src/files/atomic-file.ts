/**
 * Whole-file writes that a crash cannot tear: write a temporary file beside the target, flush it to disk,
 * then rename it over the target (rename is atomic within a file system). A reader sees the old file or
 * the new one, never half of either.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    // writeFileSync on a descriptor writes all of it (writeSync may write part of a large buffer).
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent: the temporary file was created above, so removing it with or without `force` behaves the same.
    rmSync(temporary, { force: true });
    throw error;
  }
}
