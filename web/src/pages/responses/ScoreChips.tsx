import type { ResponseSummary } from '@valueloop/contracts';

type Category = NonNullable<ResponseSummary['npsCategory']>;
const categoryLabels: Record<Category, string> = {
  promoter: 'Promoter',
  passive: 'Passive',
  detractor: 'Detractor',
};

/** The 0–10 answer with its category as a coloured chip; the category is also written out. */
export function NpsChip({ nps, category }: { nps: number | null; category: Category | null }) {
  if (nps === null || category === null) return <span className="muted">—</span>;
  return (
    <span className={`chip chip-${category}`}>
      <strong>{nps}</strong> {categoryLabels[category]}
    </span>
  );
}

export const npsCategoryLabels = categoryLabels;

/** A 0–100 score with no decimals, or a dash. */
export const score = (value: number | null) => (value === null ? '—' : Math.round(value));

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });

export function excerpt(text: string | null, max = 80): string {
  if (!text) return '';
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
