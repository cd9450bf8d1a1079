import { eq } from 'drizzle-orm';
import { notifications } from '../db/schema/index.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';
import { notify } from './notify.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const notificationProbes: ProbeModule = {
  routes: {
    'GET /api/v1/notifications': {
      action: 'notifications.read',
      sessionOnly: true,
      crossOrg: 'no_leak',
      probe: () => ({ url: '/notifications' }),
    },
    'POST /api/v1/notifications/:id/read': {
      action: 'notifications.read',
      sessionOnly: true,
      // The target person's notification: every other caller, of any organization, gets 404.
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/notifications/${ids.extra.notificationId}/read` }),
    },
    'POST /api/v1/notifications/read-all': {
      action: 'notifications.read',
      sessionOnly: true,
      crossOrg: 'no_leak',
      probe: () => ({ url: '/notifications/read-all' }),
    },
  },
  async fixtures(db, ids) {
    await notify({
      db,
      orgId: ids.orgId,
      personId: ids.personId,
      kind: 'digest',
      title: 'Probe digest',
      body: 'Nothing new',
      email: false,
    });
    const [row] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.personId, ids.personId))
      .limit(1);
    return { notificationId: row!.id };
  },
};
