/**
 * istioctl's own test inputs and golden outputs (test/fixtures/istioctl, copied from istio/istio; its
 * README names the commits and maps each input and flag set to its golden). Upstream compares most
 * goldens after trimming space at both ends ("trim") and some byte for byte ("exact").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ISTIOCTL_FIXTURES = fileURLToPath(new URL('../fixtures/istioctl', import.meta.url));

export function istioctlFixture(relative: string): string {
  return readFileSync(path.join(ISTIOCTL_FIXTURES, relative), 'utf8');
}

/** What upstream's CompareContent compares: the text with space trimmed at both ends. */
export function trimmed(text: string): string {
  return text.trim();
}
