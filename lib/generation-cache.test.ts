import { describe, expect, it } from "vitest";
import { createGenerationCache } from "./generation-cache";

/** A loader that counts its reads and answers when told (or at once). */
function loader() {
  const reads: string[] = [];
  const pending: { key: string; resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  let manual = false;
  return {
    reads,
    pending,
    holdReads: () => void (manual = true),
    load: (key: string) => {
      reads.push(key);
      if (!manual) return Promise.resolve(`${key}#${reads.length}`);
      return new Promise<string>((resolve, reject) => pending.push({ key, resolve, reject }));
    },
  };
}

describe("a generation cache", () => {
  it("reads a key once, then answers from memory until the time to live has passed", async () => {
    let now = 0;
    const source = loader();
    const cache = createGenerationCache({ load: source.load, ttlMs: 1_000, maxEntries: 10, now: () => now });
    expect(await cache.get("a")).toBe("a#1");
    now = 999;
    expect(await cache.get("a")).toBe("a#1");
    now = 1_000;
    expect(await cache.get("a")).toBe("a#2");
    expect(source.reads).toEqual(["a", "a"]);
  });

  it("reads again after clear()", async () => {
    const source = loader();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    await cache.get("a");
    await cache.get("b");
    cache.clear();
    expect(cache.size).toBe(0);
    expect(await cache.get("a")).toBe("a#3");
  });

  it("never keeps a read that started before a clear(): it may hold what the write replaced", async () => {
    const source = loader();
    source.holdReads();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    const before = cache.get("a");
    cache.clear(); // the write commits while the read is under way
    source.pending[0]!.resolve("old");
    expect(await before).toBe("old");
    const after = cache.get("a");
    expect(source.reads).toEqual(["a", "a"]);
    source.pending[1]!.resolve("new");
    expect(await after).toBe("new");
    expect(await cache.get("a")).toBe("new");
    expect(source.reads).toHaveLength(2);
  });

  it("forget(key) reads that key again and keeps every other", async () => {
    const source = loader();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    await cache.get("a");
    await cache.get("b");
    cache.forget("a");
    expect(await cache.get("a")).toBe("a#3");
    expect(await cache.get("b")).toBe("b#2");
    expect(source.reads).toEqual(["a", "b", "a"]);
  });

  it("never keeps a read of a key that started before forget(key); a late failure of it drops nothing", async () => {
    const source = loader();
    source.holdReads();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    const before = cache.get("a");
    cache.forget("a"); // the write commits while the read is under way
    const after = cache.get("a");
    expect(source.reads).toEqual(["a", "a"]);
    source.pending[1]!.resolve("new");
    expect(await after).toBe("new");
    source.pending[0]!.reject(new Error("late failure"));
    await expect(before).rejects.toThrow("late failure");
    expect(await cache.get("a")).toBe("new");
    expect(source.reads).toHaveLength(2);
  });

  it("shares one read among requests that miss at once", async () => {
    const source = loader();
    source.holdReads();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    const answers = [cache.get("a"), cache.get("a"), cache.get("a")];
    source.pending[0]!.resolve("one");
    expect(await Promise.all(answers)).toEqual(["one", "one", "one"]);
    expect(source.reads).toEqual(["a"]);
  });

  it("does not keep a failed read: the next request tries again", async () => {
    const source = loader();
    source.holdReads();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 10 });
    const failing = cache.get("a");
    source.pending[0]!.reject(new Error("database gone"));
    await expect(failing).rejects.toThrow("database gone");
    const retry = cache.get("a");
    source.pending[1]!.resolve("back");
    expect(await retry).toBe("back");
  });

  it("holds at most maxEntries, dropping the oldest first", async () => {
    const source = loader();
    const cache = createGenerationCache({ load: source.load, ttlMs: 60_000, maxEntries: 2 });
    await cache.get("a");
    await cache.get("b");
    await cache.get("c");
    expect(cache.size).toBe(2);
    await cache.get("b");
    await cache.get("c");
    expect(source.reads).toEqual(["a", "b", "c"]);
    await cache.get("a");
    expect(source.reads).toEqual(["a", "b", "c", "a"]);
  });
});
