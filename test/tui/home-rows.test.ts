// The home screen's word on the machine when the doctor itself fails: said, not "Checking…" for ever.
import { describe, expect, it } from 'vitest';
import { doctorFailed, type MissingFor } from '../../src/tui/home-rows.js';

describe('doctorFailed', () => {
  it('names the failure, is not ready, and keeps what PATH showed for each lesson', () => {
    const fromPath: MissingFor = (needs) => needs.tools.filter((tool) => tool === 'istioctl');
    const verdict = doctorFailed(new Error('EACCES: permission denied, open /h/installed.json'), fromPath);
    expect(verdict.summary).toBe("✗ This machine could not be checked (EACCES: permission denied, open /h/installed.json); 'mesh-workshop doctor' shows more");
    expect(verdict.ready).toBe(false);
    expect(verdict.missingFor({ clusters: ['cluster1'], tools: ['kind', 'istioctl'] })).toEqual(['istioctl']);
    expect(doctorFailed('docker hung', fromPath).summary).toContain('(docker hung)');
  });
});
