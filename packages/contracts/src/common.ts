import { z } from 'zod';

export const roles = ['admin', 'analyst', 'executive', 'manager', 'employee'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = z.uuid();
export const idParamsSchema = z.strictObject({ id: z.uuid() });

/** Keyset pagination: `cursor` is opaque; `nextCursor` is null on the last page. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const isoDateSchema = z.iso.date();
export const okSchema = z.object({ ok: z.literal(true) });
