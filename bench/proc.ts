import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) a process has used, in ms (Linux /proc): per request, it is the cost
 * that does not depend on what else the machine is running, unlike req/s on a shared box.
 *
 * @example
 * const before = cpuMsOf(server.pid); await load(); const used = cpuMsOf(server.pid) - before;
 */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks of 10 ms (CLK_TCK 100).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Resident memory of a process (Linux /proc), in MB: now and the high-water mark; `undefined`
 * once it has exited.
 *
 * @example
 * rssOf(server.pid) // { now: 61, peak: 74 }
 */
export function rssOf(pid: number): { now: number; peak: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024);
  return { now: mb('VmRSS'), peak: mb('VmHWM') };
}
