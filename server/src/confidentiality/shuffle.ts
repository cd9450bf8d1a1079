/**
 * Rule 3 (comments): texts are put in a canonical order first (so the input order — by time,
 * by unit — cannot show through) and then shuffled with a seeded generator. The seed mixes the
 * context's seed with the group's identity, so one group shows the same order within a context.
 */
export function shuffleComments(texts: readonly string[], seed: number, group: string): string[] {
  const sorted = [...texts].sort();
  const next = mulberry32((seed ^ fnv1a(group)) >>> 0);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  return sorted;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
