// CPU time and peak memory of another process, read from Linux's /proc so that the bot and the baseline
// are measured the same way without either cooperating. Elsewhere the figures are NaN (shown as "n/a").
import { readFileSync } from 'node:fs';

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat. It is 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces or parentheses: count fields after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]); // field 14
    const stime = Number(fields[12]); // field 15
    return (utime + stime) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function statusKb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Peak resident set size (VmHWM) in bytes since the process started. */
export function peakRssBytes(pid: number): number {
  return statusKb(pid, 'VmHWM');
}

/** Resident set size (VmRSS) in bytes now. */
export function rssBytes(pid: number): number {
  return statusKb(pid, 'VmRSS');
}

/**
 * Microseconds during which some runnable task on the machine waited for a CPU (Linux PSI). Its growth
 * over a round says how much the machine was oversubscribed, by the bench itself or by anything else.
 */
export function cpuPressureMicros(): number {
  try {
    const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
