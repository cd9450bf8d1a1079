// Stand-in for packages/contracts/src/org.ts while the org API is being built.
// Mirrors the documented shapes; replace each export with the contracts one when it lands.
import { roleSchema } from '@valueloop/contracts';
import { z } from 'zod';

export const unitKindSchema = z.enum(['front_line', 'back_office']);
export const unitNodeSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable().optional(),
  name: z.string(),
  level: z.string().nullable().optional(),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  manager: z.object({ id: z.string(), name: z.string() }).nullable(),
  headcount: z.number(),
  subtreeHeadcount: z.number(),
});
export type UnitNode = z.infer<typeof unitNodeSchema>;
export const unitTreeSchema = z.object({
  units: z.array(unitNodeSchema),
  supportEdges: z.array(z.object({ fromUnitId: z.string(), toUnitId: z.string() })),
});
export type UnitTree = z.infer<typeof unitTreeSchema>;

export const personListItemSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable().optional(),
  name: z.string(),
  email: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(roleSchema),
  hireDate: z.string().nullable().optional(),
  exitDate: z.string().nullable().optional(),
  payBand: z.string().nullable().optional(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;
export const peoplePageSchema = z.object({
  items: z.array(personListItemSchema),
  nextCursor: z.string().nullable(),
});

export const meSchema = z.object({
  person: personListItemSchema,
  unit: z.object({ id: z.string(), name: z.string(), kind: unitKindSchema.optional() }).nullable(),
  manager: z.object({ id: z.string(), name: z.string() }).nullable(),
  teamSize: z.number(),
});
export type Me = z.infer<typeof meSchema>;

export const importKinds = ['units', 'people', 'support-edges'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const mailboxSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type MailItem = z.infer<typeof mailboxSchema>['items'][number];
