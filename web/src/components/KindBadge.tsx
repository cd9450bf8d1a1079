import type { UnitNode } from '../api/org-contracts.ts';

const labels: Record<UnitNode['kind'], string> = {
  front_line: 'Front line',
  back_office: 'Back office',
};

export function KindBadge({ kind }: { kind: UnitNode['kind'] }) {
  return <span className={`badge badge-${kind}`}>{labels[kind]}</span>;
}
