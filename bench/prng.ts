/** A small seeded PRNG (sfc32, seeded through splitmix32) so the dataset is the same on every run. */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const splitmix = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

export const pickIndex = (rng: Rng, length: number) => Math.floor(rng() * length);
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[pickIndex(rng, items.length)]!;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A cuid-shaped id (25 lowercase alphanumerics starting with "c"), drawn from the seeded stream. */
export function cuidLike(rng: Rng): string {
  let id = "c";
  for (let i = 0; i < 24; i++) id += ID_ALPHABET[pickIndex(rng, 36)];
  return id;
}
