import { z } from 'zod';
import { formBodySchema } from '../../survey-page/page-request.ts';

/**
 * Answers as the shared page script sends them: every visible question's answer, keyed by the
 * question id as asked (`<id>__<unit id hex>` for the units of an internal service survey).
 * The script also sends `elapsedMs`; it is accepted and dropped, since no answering time is kept.
 */
export const employeeAnswersBodySchema = z.strictObject({
  answers: z.record(z.string().max(128), z.unknown()),
  elapsedMs: z.number().int().min(0).optional(),
});

/** JSON from the script, or the plain form (parsed as `{ form }` by the page module's parser). */
export const employeeSubmitBodySchema = z.union([employeeAnswersBodySchema, formBodySchema]);
