/**
 * A seeded random generator for what must be reproducible: the data generator's simulations and
 * the CLV bootstrap's resamples (byte-identical output for the same --seed). Pure.
 */

/** mulberry32: a small, fast, well-mixed 32-bit generator; values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
