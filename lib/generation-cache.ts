// A small per-process cache of values that are costly to read and change rarely: kept until `clear()` (a write
// that changed them) or `ttlMs` (the safety net for a change nobody announced), whichever comes first.
//
// A read that started before a clear() never stores its result: each entry carries the generation it was read
// in, and clear() starts a new one. Concurrent misses for one key share one read.

type Entry<V> = { generation: number; storedAt: number; value: Promise<V> };

export type GenerationCache<K, V> = {
  /** The cached value for `key`, or a fresh read of it (stored unless it fails or the cache was cleared meanwhile). */
  get(key: K): Promise<V>;
  /** Forgets every entry, and any read already under way. */
  clear(): void;
  /** Forgets one key's entry, and its read if one is under way: the next get() reads again. */
  forget(key: K): void;
  /** Entries held now (for tests). */
  readonly size: number;
};

export function createGenerationCache<K, V>(options: {
  load: (key: K) => Promise<V>;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): GenerationCache<K, V> {
  const { load, ttlMs, maxEntries, now = Date.now } = options;
  const entries = new Map<K, Entry<V>>();
  let generation = 0;

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.generation === generation && now() - entry.storedAt < ttlMs) return entry.value;
      entries.delete(key);
      const readIn = generation;
      const value = load(key);
      const fresh: Entry<V> = { generation: readIn, storedAt: now(), value };
      entries.set(key, fresh);
      // The oldest entry goes first when the cache is full (a Map iterates in insertion order).
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as K);
      value.catch(() => {
        if (entries.get(key) === fresh) entries.delete(key);
      });
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    // A read under way is held by its entry (stored before it resolves): deleting the entry is enough for the next
    // get() to read again, and the old read's catch() finds another entry (or none) and leaves it be.
    forget(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
