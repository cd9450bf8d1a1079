import { useQuery } from '@tanstack/react-query';
import { listPeople } from '../../api/endpoints.ts';

interface Props {
  id: string;
  value: string;
  onChange: (personId: string) => void;
  /** The empty choice's text, e.g. "Choose a person". */
  placeholder: string;
  invalid?: boolean;
}

/** The people the caller may see (the server scopes the list), for assigning work. */
export function PersonSelect({ id, value, onChange, placeholder, invalid }: Props) {
  const people = useQuery({
    queryKey: ['people', 'list', { limit: 500 }],
    queryFn: () => listPeople({ limit: 500 }),
  });
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
    >
      <option value="">{people.isPending ? 'Loading people…' : placeholder}</option>
      {(people.data?.items ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.unitName ? ` (${p.unitName})` : ''}
        </option>
      ))}
    </select>
  );
}
