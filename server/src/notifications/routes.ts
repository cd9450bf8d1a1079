import {
  idParamsSchema,
  notificationPageSchema,
  notificationSchema,
  notificationsQuerySchema,
  readAllNotificationsResultSchema,
} from '@valueloop/contracts';
import { authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notification-service.ts';

const tags = ['notifications'];

/** The signed-in person's own inbox; nobody reads or marks anyone else's notifications. */
export const notificationRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        querystring: notificationsQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'notifications.read');
      const { limit, cursor, unread } = request.query;
      return listNotifications({
        db,
        orgId: principal.orgId,
        personId: principal.personId,
        limit,
        cursor,
        unreadOnly: unread === 'true',
      });
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags, params: idParamsSchema, response: { 200: notificationSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'notifications.read');
      return markNotificationRead({
        db,
        orgId: principal.orgId,
        personId: principal.personId,
        notificationId: request.params.id,
      });
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, response: { 200: readAllNotificationsResultSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'notifications.read');
      return markAllNotificationsRead({ db, orgId: principal.orgId, personId: principal.personId });
    },
  );
};
