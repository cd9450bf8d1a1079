import { randomBytes } from 'node:crypto';
import {
  createOrganization,
  createPerson,
  createPulseInvitation,
  createPulseWave,
  createSupportEdge,
  createUnit,
} from '../../../testing/factories.ts';
import type { TestApp } from '../../../testing/harness.ts';

/**
 * An organization (k = 6, k_c = 12) with a front-line branch supported by two back-office units
 * and a front-line one (a third back-office unit supports another branch), an employee of the branch, and
 * one open wave of each employee survey kind.
 */
export async function createEmployeeWorld(t: TestApp) {
  const db = t.database.db;
  const org = await createOrganization(db, { minGroupSize: 6, minCommentGroupSize: 12 });
  const branch = await createUnit(db, org.id, { name: 'Branch North' });
  const otherBranch = await createUnit(db, org.id, { name: 'Branch South' });
  const helpdesk = await createUnit(db, org.id, { name: 'IT Helpdesk', kind: 'back_office' });
  const payroll = await createUnit(db, org.id, { name: 'Payroll', kind: 'back_office' });
  const facilities = await createUnit(db, org.id, { name: 'Facilities', kind: 'back_office' });
  await createSupportEdge(db, org.id, { fromUnitId: payroll.id, toUnitId: branch.id });
  await createSupportEdge(db, org.id, { fromUnitId: helpdesk.id, toUnitId: branch.id });
  await createSupportEdge(db, org.id, { fromUnitId: facilities.id, toUnitId: otherBranch.id });
  // A front-line unit helping another is not an internal supplier: not rated.
  await createSupportEdge(db, org.id, { fromUnitId: otherBranch.id, toUnitId: branch.id });
  const ana = await createPerson(db, org.id, {
    unitId: branch.id,
    name: 'Ana Quintero Vidal',
    email: `ana.quintero.${randomBytes(3).toString('hex')}@example.test`,
  });
  const pulse = await createPulseWave(db, org.id, { kind: 'employee_pulse' });
  const internal = await createPulseWave(db, org.id, { kind: 'internal_service' });
  const upward = await createPulseWave(db, org.id, { kind: 'manager_upward' });

  /** A new person of the branch (or `person`) invited to the wave; returns the link token. */
  async function invite(
    wave: { id: string; orgId: string; closesAt: Date },
    person?: { id: string; unitId: string | null },
    overrides: Parameters<typeof createPulseInvitation>[3] = {},
  ) {
    const invitee = person ?? (await createPerson(db, org.id, { unitId: branch.id }));
    const { token, invitation } = await createPulseInvitation(db, wave, invitee, overrides);
    return { token, invitation, person: invitee };
  }

  return {
    org,
    branch,
    otherBranch,
    helpdesk,
    payroll,
    facilities,
    ana,
    pulse: pulse.wave,
    internal: internal.wave,
    upward: upward.wave,
    invite,
  };
}
export type EmployeeWorld = Awaited<ReturnType<typeof createEmployeeWorld>>;

/** Answers to every required question of the employee pulse template. */
export const pulseAnswers = { solve: 4, grow: 5, pay: 2, enps: 9 } as const;

/** HTTP helpers for the employee pages (no cookies, like the employee's browser). */
export function employeeClient(t: TestApp) {
  return {
    get: (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers }),
    saveDraft: (token: string, answers: Record<string, unknown>, method: 'POST' | 'PUT' = 'POST') =>
      t.app.inject({ method, url: `/e/${token}/draft`, payload: { answers, elapsedMs: 5000 } }),
    submit: (token: string, answers: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/e/${token}`, payload: { answers, elapsedMs: 5000 } }),
    postForm: (url: string, fields: Array<[string, string]>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
  };
}
