import type { Config } from '../config.ts';
import { runEmployeeResultsRelease } from '../employee-results/release.ts';
import { eventQueue, eventTypes, fanOutHandler } from '../events/events.ts';
import { INVITATION_REMIND_QUEUE, runInvitationReminder } from '../invitations/reminders.ts';
import { OUTBOX_SEND_QUEUE } from '../mail/queue-email.ts';
import { createSmtpSender, sendOutboxHandler } from '../mail/send-outbox.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';
import { dispatchWebhooks, WEBHOOK_DISPATCH_QUEUE } from '../webhooks/delivery-service.ts';
import { HOUSEKEEPING_QUEUE, runHousekeeping } from './housekeeping.ts';
import type { JobHandler } from './worker.ts';

/**
 * Every queue the general worker consumes, in one table. Later modules add their consumers
 * here. (`webhooks.deliver` has its own loop, webhooks/sender.ts: it makes HTTP calls, which
 * must not run inside the transaction this worker wraps each handler in.)
 */
export function createJobHandlers(deps: { config: Config }): Record<string, JobHandler> {
  return {
    [HOUSEKEEPING_QUEUE]: runHousekeeping,
    ...Object.fromEntries(eventTypes.map((type) => [eventQueue(type), fanOutHandler(type)])),
    [OUTBOX_SEND_QUEUE]: sendOutboxHandler({
      from: deps.config.mail.from,
      send: createSmtpSender(deps.config.mail),
    }),
    [INVITATION_REMIND_QUEUE]: runInvitationReminder,
    [WEBHOOK_DISPATCH_QUEUE]: dispatchWebhooks,
    [EMPLOYEE_RESULTS_RELEASE_QUEUE]: runEmployeeResultsRelease,
  };
}
