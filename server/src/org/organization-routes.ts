import {
  mailboxSchema,
  organizationSchema,
  updateOrganizationBodySchema,
} from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { getOrganization, listMailbox, updateOrganization } from './organization-service.ts';
import { presentOrganization } from './presenters.ts';

const tags = ['organization'];
const actorOf = (p: ReturnType<typeof authenticate>) => (p.kind === 'session' ? p.personId : null);

export const organizationRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/organization',
    { schema: { tags, response: { 200: organizationSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'org.read');
      return presentOrganization(await getOrganization({ db, orgId: principal.orgId }));
    },
  );

  app.patch(
    '/organization',
    { schema: { tags, body: updateOrganizationBodySchema, response: { 200: organizationSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'org.configure');
      const org = await updateOrganization({
        db,
        orgId: principal.orgId,
        actorPersonId: actorOf(principal),
        changes: request.body,
      });
      return presentOrganization(org);
    },
  );

  app.get(
    '/dev/mailbox',
    { schema: { tags: ['development'], response: { 200: mailboxSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'mailbox.read');
      return { items: await listMailbox({ db, orgId: principal.orgId }) };
    },
  );
};
