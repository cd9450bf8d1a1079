import { useQuery } from '@tanstack/react-query';
import { listPeople } from '../../api/endpoints.ts';

interface Props {
  id: string;
  value: string;
  onChange: (personId: string) => void;
  /** The empty choice's text, e.g. "Choose a person". */
  placeholder: string;
  invalid?: boolean;
  /** The person chosen now, kept as an option even when the list does not include them. */
  current?: { id: string; name: string } | null;
}

/** The people the caller may see (the server scopes the list), for assigning work. */
export function PersonSelect({ id, value, onChange, placeholder, invalid, current }: Props) {
  const people = useQuery({
    queryKey: ['people', 'list', { limit: 500 }],
    queryFn: () => listPeople({ limit: 500 }),
  });
  const items = people.data?.items ?? [];
  const missing = current && !items.some((p) => p.id === current.id) ? current : null;
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
    >
      <option value="">{people.isPending ? 'Loading people…' : placeholder}</option>
      {missing && <option value={missing.id}>{missing.name}</option>}
      {items.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.unitName ? ` (${p.unitName})` : ''}
        </option>
      ))}
    </select>
  );
}
