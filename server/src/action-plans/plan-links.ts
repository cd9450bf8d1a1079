import type { ActionPlanLink, FieldError } from '@valueloop/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { people, rootCauses } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { normalizeText } from './comment-words.ts';
import { pulseItemBank } from './item-bank.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a plan's links and returns them normalized (theme keywords lower case, without
 * accents): a root cause must be one of the organization's, a pulse item a code of the employee
 * item bank; a link given twice is refused. Errors name `body.links.<i>.ref`.
 */
export async function validatePlanLinks(opts: {
  db: DbOrTx;
  orgId: string;
  links: readonly ActionPlanLink[];
}): Promise<ActionPlanLink[]> {
  const errors: FieldError[] = [];
  const normalized = opts.links.map((l) => ({
    kind: l.kind,
    ref: l.kind === 'customer_theme' ? normalizeText(l.ref).replace(/\s+/g, ' ').trim() : l.ref,
  }));
  const causeIds = normalized.filter((l) => l.kind === 'root_cause' && UUID.test(l.ref));
  const known = new Set(
    causeIds.length === 0
      ? []
      : (
          await opts.db
            .select({ id: rootCauses.id })
            .from(rootCauses)
            .where(
              and(
                eq(rootCauses.orgId, opts.orgId),
                inArray(
                  rootCauses.id,
                  causeIds.map((l) => l.ref),
                ),
              ),
            )
        ).map((r) => r.id),
  );
  const seen = new Set<string>();
  normalized.forEach((link, i) => {
    const field = `body.links.${i}.ref`;
    if (link.kind === 'root_cause' && !known.has(link.ref)) {
      errors.push({ field, message: 'is not a root cause of this organization' });
    } else if (link.kind === 'pulse_item' && !pulseItemBank().has(link.ref)) {
      errors.push({
        field,
        message: `is not an employee item code (${[...pulseItemBank().keys()].join(', ')})`,
      });
    } else if (link.kind === 'customer_theme' && link.ref.length < 2) {
      errors.push({ field, message: 'must be a keyword of at least 2 letters' });
    }
    const key = `${link.kind}|${link.ref}`;
    if (seen.has(key)) errors.push({ field, message: 'links the same thing twice' });
    seen.add(key);
  });
  if (errors.length > 0) throw validationFailed(errors, 'Some links of the plan are not valid');
  return normalized;
}

/** 422 naming `body.ownerId` unless the owner is a person of this organization. */
export async function validatePlanOwner(opts: {
  db: DbOrTx;
  orgId: string;
  ownerId: string | null;
}): Promise<void> {
  if (opts.ownerId === null) return;
  const [person] = await opts.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, opts.orgId), eq(people.id, opts.ownerId)));
  if (!person) {
    throw validationFailed([
      { field: 'body.ownerId', message: 'is not a person of this organization' },
    ]);
  }
}

/** Links with a readable label: root cause names, item wording, the theme keyword itself. */
export async function labelPlanLinks(opts: {
  db: DbOrTx;
  orgId: string;
  links: readonly ActionPlanLink[];
}): Promise<(ActionPlanLink & { label: string })[]> {
  const causeIds = opts.links.filter((l) => l.kind === 'root_cause').map((l) => l.ref);
  const names = new Map(
    causeIds.length === 0
      ? []
      : (
          await opts.db
            .select({ id: rootCauses.id, name: rootCauses.name })
            .from(rootCauses)
            .where(and(eq(rootCauses.orgId, opts.orgId), inArray(rootCauses.id, causeIds)))
        ).map((r) => [r.id, r.name]),
  );
  return opts.links.map((link) => ({
    ...link,
    label:
      link.kind === 'root_cause'
        ? (names.get(link.ref) ?? 'Removed root cause')
        : link.kind === 'pulse_item'
          ? (pulseItemBank().get(link.ref) ?? link.ref)
          : link.ref,
  }));
}
