import { z } from 'zod';
import { pageQuerySchema } from './common.ts';

// ---- Notifications ---------------------------------------------------------------------------

export const notificationKinds = [
  'case_assigned',
  'sla_at_risk',
  'case_escalated',
  'approval_needed',
  'digest',
] as const;
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationListSchema = z.object({
  unread: z.number().int(),
  items: z.array(notificationSchema),
});

export const notificationsQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export type Notification = z.infer<typeof notificationSchema>;
/** The inbox page: `unread` counts all of the caller's unread notifications, not just this page. */
export const notificationPageSchema = notificationListSchema.extend({
  nextCursor: z.string().nullable(),
});
export const readAllNotificationsResultSchema = z.object({ marked: z.number().int() });
