import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { trailingThrottle } from "./trailing-throttle";

describe("trailingThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const recorder = () => {
    const runs: string[] = [];
    return { runs, work: async (key: string) => void runs.push(key) };
  };

  it("runs the first call at once and the calls during the interval once, when it ends", async () => {
    const { runs, work } = recorder();
    const call = trailingThrottle(1000, work);
    await call("thread");
    expect(runs).toEqual(["thread"]);
    for (let i = 0; i < 50; i++) await call("thread");
    expect(runs).toEqual(["thread"]);
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toEqual(["thread"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(["thread", "thread"]);
    // The trailing run opened an interval of its own: a call now waits for its end too.
    await call("thread");
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(3);
  });

  it("runs nothing more when nothing was called during the interval, and forgets the key", async () => {
    const { runs, work } = recorder();
    const call = trailingThrottle(1000, work);
    await call("thread");
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toEqual(["thread"]);
    // The interval is over: the next call runs at once again.
    await call("thread");
    expect(runs).toEqual(["thread", "thread"]);
  });

  it("keeps each key's interval apart", async () => {
    const { runs, work } = recorder();
    const call = trailingThrottle(1000, work);
    await call("a");
    await call("b");
    await call("a");
    expect(runs).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual(["a", "b", "a"]);
  });

  it("with an interval of 0, runs every call", async () => {
    const { runs, work } = recorder();
    const call = trailingThrottle(0, work);
    for (let i = 0; i < 3; i++) await call("thread");
    expect(runs).toEqual(["thread", "thread", "thread"]);
  });
});
