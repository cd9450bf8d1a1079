import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseQueues, rootCauses, units } from '../db/schema/index.ts';
import {
  createCase,
  createCustomer,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
} from '../testing/factories.ts';

type Person = Awaited<ReturnType<typeof createPerson>>;
type Unit = Awaited<ReturnType<typeof createUnit>>;

async function led(db: Db, unit: Unit, manager: Person) {
  await db.update(units).set({ managerId: manager.id }).where(eq(units.id, unit.id));
}

/**
 * A small organization for case tests (shared by the case test files):
 *
 *   root (exec)
 *   ├── region (regionBoss)
 *   │   └── branch (branchBoss) ── owner, colleague
 *   └── east (eastBoss) ── queueMember (in the "Callbacks" queue)
 *
 * plus an analyst, an admin and another organization's admin. `ownedCase` is in the branch,
 * owned by `owner`; `queueCase` is in east, owned by nobody, in the queue.
 */
export async function createCaseWorld(db: Db) {
  const org = await createOrganization(db);
  const orgId = org.id;
  const root = await createUnit(db, orgId, { name: 'Root', level: 'company' });
  const region = await createUnit(db, orgId, { name: 'Region', parentId: root.id });
  const branch = await createUnit(db, orgId, { name: 'Branch', parentId: region.id });
  const east = await createUnit(db, orgId, { name: 'East', parentId: root.id });
  const mk = (o: Parameters<typeof createPerson>[2]) => createPerson(db, orgId, o);
  const people = {
    exec: await mk({ name: 'Erin Exec', roles: ['executive'], unitId: root.id }),
    regionBoss: await mk({ name: 'Rita Region', roles: ['manager'], unitId: region.id }),
    branchBoss: await mk({ name: 'Bert Branch', roles: ['manager'], unitId: branch.id }),
    eastBoss: await mk({ name: 'Ed East', roles: ['manager'], unitId: east.id }),
    owner: await mk({ name: 'Olive Owner', unitId: branch.id }),
    colleague: await mk({ name: 'Colin Colleague', unitId: branch.id }),
    queueMember: await mk({ name: 'Quinn Queue', unitId: east.id }),
    analyst: await mk({ name: 'Ana Analyst', roles: ['analyst'] }),
    admin: await mk({ name: 'Adam Admin', roles: ['admin'] }),
  };
  await led(db, root, people.exec);
  await led(db, region, people.regionBoss);
  await led(db, branch, people.branchBoss);
  await led(db, east, people.eastBoss);
  const other = await createOrganization(db);
  const otherAdmin = await createPerson(db, other.id, { roles: ['admin'] });
  const [queue] = await db
    .insert(caseQueues)
    .values({ orgId, name: 'Callbacks', memberIds: [people.queueMember.id] })
    .returning();
  const { version } = await createSurveyWithVersion(db, orgId);
  const customer = await createCustomer(db, orgId, { email: 'carla@example.test' });
  const response = await createResponse(db, { ...version, orgId }, { unitId: branch.id });
  const ownedCase = await createCase(db, {
    orgId,
    responseId: response.id,
    unitId: branch.id,
    ownerId: people.owner.id,
    customerId: customer.id,
    title: 'Owned case',
  });
  const queueCase = await createCase(db, {
    orgId,
    responseId: response.id,
    unitId: east.id,
    queueId: queue!.id,
    title: 'Queue case',
  });
  const [cause] = await db.insert(rootCauses).values({ orgId, name: 'Wait time' }).returning();
  return {
    orgId,
    units: { root, region, branch, east },
    people,
    otherAdmin,
    queue: queue!,
    customer,
    response,
    ownedCase,
    queueCase,
    rootCause: cause!,
  };
}

export type CaseWorld = Awaited<ReturnType<typeof createCaseWorld>>;
