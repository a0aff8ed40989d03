import { readFileSync } from 'node:fs';

/** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const TICK_MS = 10;

/**
 * CPU time (user + system, ms) of a process's main thread alone, from /proc/<pid>/task/<pid>/stat:
 * the thread that runs JavaScript's event loop, without argon2's libuv threads or the worker threads.
 * null when it cannot be read (not Linux, or the process is gone).
 */
export function mainThreadCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) of the whole process, every thread, from /proc/<pid>/stat; null when unreadable. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export interface CpuReading {
  mainThread: number | null;
  process: number | null;
}

export function readServerCpu(pid: number): CpuReading {
  return { mainThread: mainThreadCpuMs(pid), process: processCpuMs(pid) };
}

/**
 * The server's CPU per request over a window, for the detail column: unlike a rate, it hardly moves
 * when something else shares the machine, so runs on a busy machine can still be compared.
 */
export function describeCpuPerRequest(before: CpuReading, after: CpuReading, requests: number): string {
  if (requests === 0) return 'server CPU unknown (no requests)';
  const per = (from: number | null, to: number | null) =>
    from === null || to === null ? '?' : ((to - from) / requests).toFixed(2);
  return `server CPU ${per(before.process, after.process)} ms a request, ${per(before.mainThread, after.mainThread)} on the event loop`;
}
