/** The Pareto chart's series: counts, most frequent first, and their running share in percent. */
export interface ParetoSeries {
  labels: string[];
  counts: number[];
  cumulativePercent: number[];
}

export function paretoSeries(
  items: ReadonlyArray<{ rootCause: { name: string }; count: number }>,
): ParetoSeries {
  const sorted = [...items].sort((a, b) => b.count - a.count);
  const total = sorted.reduce((sum, item) => sum + item.count, 0);
  let running = 0;
  const cumulativePercent = sorted.map((item) => {
    running += item.count;
    return total === 0 ? 0 : Math.round((running / total) * 1000) / 10;
  });
  return {
    labels: sorted.map((item) => item.rootCause.name),
    counts: sorted.map((item) => item.count),
    cumulativePercent,
  };
}

/** How many causes make up the first 80 % of cases (the "vital few"). */
export function vitalFew(cumulativePercent: readonly number[]): number {
  const index = cumulativePercent.findIndex((p) => p >= 80);
  return index === -1 ? cumulativePercent.length : index + 1;
}
