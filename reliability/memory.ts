import { readFileSync } from 'node:fs';

/** A process's resident memory from /proc/<pid>/status, in bytes: its peak so far (VmHWM) and now (VmRSS). */
export interface ResidentMemory {
  peak: number;
  now: number;
}

/** The VmHWM and VmRSS lines of a /proc/<pid>/status text, in bytes; 0 for a line that is missing. */
export function parseProcStatus(status: string): ResidentMemory {
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { peak: kib('VmHWM'), now: kib('VmRSS') };
}

/** Resident memory of a running process; zeros if it is unknown (no /proc, or the process ended). */
export function residentMemory(pid: number): ResidentMemory {
  try {
    return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return { peak: 0, now: 0 };
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The CPU a /proc/<pid>/stat line says its process has used (user + system), in ms. */
export function parseProcStat(stat: string): number {
  // Fields after the command (in parentheses, which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU time a running process has used so far (user + system), in ms; 0 if unknown. */
export function cpuTime(pid: number): number {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/**
 * Time a running process's main thread has spent on a CPU so far, in ms, to the nanosecond
 * (/proc/<pid>/schedstat, the scheduler's own count: /proc/<pid>/stat's ticks of 10 ms are too
 * coarse for a process that works a fraction of a millisecond at a time, as a PostgreSQL backend,
 * one thread, does for a coding); 0 if unknown.
 */
export function runTime(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6 || 0;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process so far (VmHWM), in bytes; 0 if unknown. */
export const peakRss = (pid: number): number => residentMemory(pid).peak;

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
