import type { Unit } from '@valueloop/contracts';

const labels: Record<Unit['kind'], string> = {
  front_line: 'Front line',
  back_office: 'Back office',
};

export function KindBadge({ kind }: { kind: Unit['kind'] }) {
  return <span className={`badge badge-${kind}`}>{labels[kind]}</span>;
}
