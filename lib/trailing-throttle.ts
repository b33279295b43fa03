/**
 * Work keyed by something (a thread), run at most once per `intervalMs` per key in this process: the first call runs
 * it at once; calls while the interval lasts are remembered as one, and run it once more when the interval ends, so
 * the last call is always followed by a run that sees what it did. Nothing is kept for a key once its interval has
 * passed with no call. `work` handles its own failures (a trailing run has nobody to throw at). With an interval of
 * 0, every call runs the work.
 */
export function trailingThrottle(intervalMs: number, work: (key: string) => Promise<void>): (key: string) => Promise<void> {
  const slots = new Map<string, { again: boolean }>();
  const start = (key: string): Promise<void> => {
    slots.set(key, { again: false });
    // Unref'd: a run still owed when the process exits is dropped, never waited for.
    setTimeout(() => {
      const owed = slots.get(key)?.again;
      slots.delete(key);
      if (owed) void start(key);
    }, intervalMs).unref();
    return work(key);
  };
  return (key) => {
    if (intervalMs <= 0) return work(key);
    const slot = slots.get(key);
    if (!slot) return start(key);
    slot.again = true;
    return Promise.resolve();
  };
}
