import { readFileSync } from 'node:fs';

/** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const TICK_MS = 10;

/** User + system CPU time (ms) from a /proc stat file; null when it cannot be read (not Linux, or gone). */
function cpuMsFromStat(path: string): number | null {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * CPU time of a process's main thread alone, from /proc/<pid>/task/<pid>/stat: the thread that runs
 * JavaScript's event loop, without argon2's libuv threads or the worker threads.
 */
export function mainThreadCpuMs(pid: number): number | null {
  return cpuMsFromStat(`/proc/${pid}/task/${pid}/stat`);
}

export interface CpuReading {
  mainThread: number | null;
  process: number | null;
}

export function readServerCpu(pid: number): CpuReading {
  return { mainThread: mainThreadCpuMs(pid), process: cpuMsFromStat(`/proc/${pid}/stat`) };
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
