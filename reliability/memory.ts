import { readFileSync } from 'node:fs';

/** Peak resident memory of a process so far (VmHWM of /proc/<pid>/status), in bytes; 0 if unknown. */
export function peakRss(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
