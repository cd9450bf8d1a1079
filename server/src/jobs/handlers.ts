import {
  ACTION_PLAN_FOLLOW_UP_QUEUE,
  actionPlanFollowUpHandler,
} from '../action-plans/follow-up.ts';
import { OPEN_CASES_QUEUE, openCasesHandler } from '../case-rules/open-cases.ts';
import { caseJobHandlers } from '../cases/case-jobs.ts';
import { RESURVEY_ANSWERED_QUEUE, resurveyAnsweredHandler } from '../cases/resurvey-answered.ts';
import type { Config } from '../config.ts';
import { runEmployeeResultsRelease } from '../employee-results/release.ts';
import { eventQueue, eventTypes, fanOutHandler } from '../events/events.ts';
import { INVITATION_REMIND_QUEUE, runInvitationReminder } from '../invitations/reminders.ts';
import { OUTBOX_SEND_QUEUE } from '../mail/queue-email.ts';
import { createSmtpSender, sendOutboxHandler } from '../mail/send-outbox.ts';
import { pulseCloseHandler } from '../pulses/close-wave.ts';
import {
  EMPLOYEE_RESULTS_RELEASE_QUEUE,
  PULSE_CLOSE_QUEUE,
  PULSE_REMIND_QUEUE,
  PULSE_SCHEDULE_QUEUE,
} from '../pulses/queues.ts';
import { pulseReminderHandler } from '../pulses/reminders.ts';
import { pulseScheduleHandler } from '../pulses/scheduler.ts';
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
    [PULSE_SCHEDULE_QUEUE]: pulseScheduleHandler({ publicUrl: deps.config.publicUrl }),
    [PULSE_REMIND_QUEUE]: pulseReminderHandler({ publicUrl: deps.config.publicUrl }),
    [PULSE_CLOSE_QUEUE]: pulseCloseHandler,
    [EMPLOYEE_RESULTS_RELEASE_QUEUE]: runEmployeeResultsRelease,
    [ACTION_PLAN_FOLLOW_UP_QUEUE]: actionPlanFollowUpHandler({ publicUrl: deps.config.publicUrl }),
    [OPEN_CASES_QUEUE]: openCasesHandler({ publicUrl: deps.config.publicUrl }),
    ...caseJobHandlers({ publicUrl: deps.config.publicUrl }),
    [RESURVEY_ANSWERED_QUEUE]: resurveyAnsweredHandler,
  };
}
