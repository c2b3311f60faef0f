/**
 * istioctl's own test inputs and golden outputs (../shared/fixtures/istioctl, beside the repository; its
 * README maps each input and flag set to its golden). Upstream compares most goldens after trimming
 * space at both ends ("trim") and some byte for byte ("exact").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ISTIOCTL_FIXTURES = path.resolve(process.cwd(), '..', 'shared', 'fixtures', 'istioctl');

export function istioctlFixture(relative: string): string {
  return readFileSync(path.join(ISTIOCTL_FIXTURES, relative), 'utf8');
}

/** What upstream's CompareContent compares: the text with space trimmed at both ends. */
export function trimmed(text: string): string {
  return text.trim();
}
