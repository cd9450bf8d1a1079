import { validationFailed } from '../http/errors.ts';

/** The keyset of the last row on a page: its sort key and id, opaque to clients. */
export interface Keyset {
  key: string;
  id: string;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.key, keyset.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // reported below
  }
  throw validationFailed([{ field: 'query.cursor', message: 'is not a cursor from this API' }]);
}

/** Cuts the extra row fetched to detect a next page and builds the cursor from the last item. */
export function pageFrom<T>(
  rows: T[],
  limit: number,
  keysetOf: (row: T) => Keyset,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(keysetOf(page[page.length - 1]!)) };
}
