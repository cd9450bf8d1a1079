import type { caseReplyBodySchema } from '@valueloop/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, customers, people, units } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { queueEmail } from '../mail/queue-email.ts';
import { findVisibleCase } from './case-access.ts';
import type { CaseViewer } from './case-visibility.ts';
import { renderReplyTemplate, unknownPlaceholders } from './reply-template.ts';
import { createResurveyInvitation } from './resurvey.ts';

type ReplyBody = z.infer<typeof caseReplyBodySchema>;

const noEmail = (message: string) =>
  validationFailed([{ field: 'customer.email', message }], `customer.email: ${message}`);

/**
 * Replies to the case's customer by e-mail through the outbox (it leaves after commit, from the
 * worker). The subject and body are templates ({{customer.name}}, {{unit.name}},
 * {{case.number}}); an unknown placeholder is refused (422 naming subject or body). With
 * `resurvey` a one-question "did we put it right?" link is appended, its invitation tied to
 * the case. The timeline gets 'reply_sent' (subject and whether a re-survey went along).
 */
export async function sendCaseReply(opts: {
  db: Db;
  orgId: string;
  viewer: CaseViewer;
  actorId: string;
  caseId: string;
  body: ReplyBody;
  publicUrl: string;
  now?: Date;
}) {
  const { db, orgId, body } = opts;
  const now = opts.now ?? new Date();
  const errors = [
    ...unknownPlaceholders(body.subject, 'body.subject'),
    ...unknownPlaceholders(body.body, 'body.body'),
  ];
  if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
  return db.transaction(async (tx) => {
    const theCase = await findVisibleCase({
      db: tx,
      orgId,
      viewer: opts.viewer,
      caseId: opts.caseId,
      lock: true,
    });
    if (!theCase.customerId) throw noEmail('the case has no known customer to reply to');
    const [customer] = await tx
      .select({ name: customers.name, email: customers.email })
      .from(customers)
      .where(and(eq(customers.orgId, orgId), eq(customers.id, theCase.customerId)));
    if (!customer?.email) throw noEmail("the case's customer has no e-mail address");
    const [unit] = theCase.unitId
      ? await tx.select({ name: units.name }).from(units).where(eq(units.id, theCase.unitId))
      : [];
    const values = {
      'customer.name': customer.name ?? 'customer',
      'unit.name': unit?.name ?? '',
      'case.number': String(theCase.number),
    };
    const subject = renderReplyTemplate(body.subject, values).replace(/[\r\n]+/g, ' ');
    let text = renderReplyTemplate(body.body, values);
    if (body.resurvey) {
      const resurvey = await createResurveyInvitation(tx, {
        orgId,
        caseId: theCase.id,
        customerId: theCase.customerId,
        publicUrl: opts.publicUrl,
        now,
      });
      text += `\n\nDid we put it right? One question, one click:\n${resurvey.url}`;
    }
    const message = await queueEmail({ db: tx, orgId, to: customer.email, subject, body: text });
    const [event] = await tx
      .insert(caseEvents)
      .values({
        orgId,
        caseId: theCase.id,
        at: now,
        actorId: opts.actorId,
        kind: 'reply_sent',
        data: { subject, resurvey: body.resurvey, outboxMessageId: message.id },
      })
      .returning();
    await tx
      .update(cases)
      .set({
        firstActionAt: sql`coalesce(${cases.firstActionAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(cases.id, theCase.id));
    const [actor] = await tx
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(eq(people.id, opts.actorId));
    return {
      event: {
        id: event!.id,
        at: event!.at.toISOString(),
        actor: actor ?? null,
        kind: event!.kind,
        data: event!.data,
      },
      outboxMessageId: message.id,
      resurvey: body.resurvey,
    };
  });
}
