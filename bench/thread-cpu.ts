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
