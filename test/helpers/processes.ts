/** Processes still alive whose command line carries a marker (zombies, already dead, are not counted). */
import { execFileSync } from 'node:child_process';

export function liveProcessesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes('ps -eo') && !line.trim().startsWith('Z'));
}
