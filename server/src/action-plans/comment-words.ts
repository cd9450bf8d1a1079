import { readFileSync } from 'node:fs';

/** Common English and Spanish words that say nothing about a theme (data file beside this one). */
const stopWords: ReadonlySet<string> = new Set(
  JSON.parse(readFileSync(new URL('./stop-words.json', import.meta.url), 'utf8')) as string[],
);

/** Lower case without accents, so "Espera" and "espéra" count as one word. */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The distinct content words of a comment (letters only, ≥ 4 characters, no stop words). */
export function contentWords(comment: string): Set<string> {
  const words = normalizeText(comment).split(/[^\p{L}]+/u);
  return new Set(words.filter((w) => w.length >= 4 && !stopWords.has(w)));
}

/** Whether a comment mentions a theme keyword (a word or phrase), accent- and case-blind. */
export function mentionsTheme(comment: string, theme: string): boolean {
  const needle = normalizeText(theme).trim();
  if (needle === '') return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}`, 'u').test(normalizeText(comment));
}

/** The words used by most comments (each comment counts a word once), most frequent first. */
export function frequentWords(
  comments: readonly string[],
  opts: { top: number; minCount: number },
): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const comment of comments) {
    for (const word of contentWords(comment)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= opts.minCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, opts.top)
    .map(([word, count]) => ({ word, count }));
}
