/**
 * Seeded pseudo-random numbers (xoshiro128** seeded through a splitmix32-style hash).
 *
 * `createRng(seed, stream)` gives an independent, reproducible generator for every
 * (seed, stream) pair. Bootstraps use `stream = resample index`, so a resample's draws do not
 * depend on how resamples are split across threads.
 */
import { StatsError } from './errors.ts';

export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, polar form). */
  normal(): number;
}

function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Create a generator for `seed` (any finite number) and an optional stream index. */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isFinite(seed) || !Number.isFinite(stream)) {
    throw new StatsError('INVALID_ARGUMENT', 'createRng: seed and stream must be finite numbers');
  }
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / 4294967296) >>> 0;
  const streamLo = stream >>> 0;
  const streamHi = Math.floor(stream / 4294967296) >>> 0;
  let h = mix32(seedLo ^ mix32(seedHi ^ 0x6a09e667));
  h = mix32(h ^ mix32(streamLo ^ 0xbb67ae85));
  h = mix32(h ^ mix32(streamHi ^ 0x3c6ef372));
  let s0 = mix32(h);
  let s1 = mix32(s0 ^ 0xa54ff53a);
  let s2 = mix32(s1 ^ 0x510e527f);
  let s3 = mix32(s2 ^ 0x9b05688c);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  // Warm up so that nearby seeds diverge immediately.
  for (let i = 0; i < 8; i++) nextU32();

  let spare: number | null = null;
  const next = (): number => {
    const hi = nextU32() >>> 5; // 27 bits
    const lo = nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    next,
    int(n: number): number {
      if (!(n >= 1) || !Number.isInteger(n)) {
        throw new StatsError('INVALID_ARGUMENT', `Rng.int: n must be a positive integer, got ${n}`);
      }
      return Math.floor(next() * n);
    },
    normal(): number {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      return u * f;
    },
  };
}

/** Draw `n` indices from [0, n) with replacement, as bootstrap multiplicities (counts per row). */
export function resampleCounts(rng: Rng, n: number, out?: Float64Array): Float64Array {
  const counts = out ?? new Float64Array(n);
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[rng.int(n)] += 1;
  return counts;
}
