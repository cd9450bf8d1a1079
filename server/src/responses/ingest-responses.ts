import type { ResponseIngestResult, ResponseInput } from '@valueloop/contracts';
import type { Db } from '../db/client.ts';
import { validationFailed } from '../http/errors.ts';
import { prepareResponses } from './prepare-responses.ts';
import { insertResponsesBatch } from './store-response.ts';

/**
 * Stores a batch of responses collected elsewhere: all or nothing (any problem → 422 naming
 * `body.items.N.<field>`, nothing stored), idempotent forever by submission id. Each new response
 * commits with its item scores and its `response.received` event in one transaction.
 */
export async function ingestResponses(opts: {
  db: Db;
  orgId: string;
  items: ResponseInput[];
}): Promise<ResponseIngestResult[]> {
  const { items, errors } = await prepareResponses({
    db: opts.db,
    orgId: opts.orgId,
    source: 'api',
    drafts: opts.items.map((item) => ({
      ...item,
      submittedAt: item.submittedAt ? new Date(item.submittedAt) : undefined,
    })),
    locate: (i, field, message) => ({ field: `body.items.${i}.${field}`, message }),
  });
  if (errors.length) {
    throw validationFailed(errors, `${errors.length} problem(s) in the batch; nothing was stored`);
  }
  return opts.db.transaction((tx) => insertResponsesBatch({ tx, orgId: opts.orgId, items }));
}
