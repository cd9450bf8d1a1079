import { eventQueue, eventTypes, fanOutHandler } from '../events/events.ts';
import { HOUSEKEEPING_QUEUE, runHousekeeping } from './housekeeping.ts';
import type { JobHandler } from './worker.ts';

/** Every queue the worker role consumes, in one table. Later modules add their consumers here. */
export const jobHandlers: Record<string, JobHandler> = {
  [HOUSEKEEPING_QUEUE]: runHousekeeping,
  ...Object.fromEntries(eventTypes.map((type) => [eventQueue(type), fanOutHandler(type)])),
};
