/**
 * Whether a process of this host with this pid still runs: signal 0 checks without sending
 * anything. EPERM means it exists but belongs to another user, so it is alive too.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
