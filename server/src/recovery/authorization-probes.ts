import { recoveryActions, recoveryAllowances } from '../db/schema/index.ts';
import { createCase } from '../testing/factories.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const recoveryProbes: ProbeModule = {
  routes: {
    'GET /api/v1/recovery-allowances': {
      action: 'recoveries.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/recovery-allowances' }),
    },
    'GET /api/v1/recovery-allowances/me': {
      action: 'recoveries.read',
      sessionOnly: true,
      crossOrg: 'no_leak',
      probe: () => ({ url: '/recovery-allowances/me' }),
    },
    'PUT /api/v1/recovery-allowances': {
      action: 'allowances.manage',
      crossOrg: 'rejected',
      // Another organization's admin gets 422: the unit is not theirs.
      probe: (ids) => ({
        url: '/recovery-allowances',
        body: { role: 'employee', unitId: ids.unitId, perCaseCap: '20.00', periodBudget: '200.00' },
      }),
    },
    'DELETE /api/v1/recovery-allowances/:id': {
      action: 'allowances.manage',
      crossOrg: 'not_found',
      // A fresh id each time: an allowed caller deletes nothing that exists (404 is fine).
      probe: (ids) => ({ url: `/recovery-allowances/${ids.extra.allowanceId}` }),
    },
    'POST /api/v1/cases/:id/recoveries': {
      action: 'cases.work',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({
        url: `/cases/${ids.extra.recoveryCaseId}/recoveries`,
        body: { type: 'gift', amount: '5.00', currency: 'USD', note: 'Probe gift' },
      }),
    },
    'GET /api/v1/recoveries': {
      action: 'recoveries.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/recoveries?status=pending_approval' }),
    },
    'POST /api/v1/recoveries/:id/decision': {
      action: 'recoveries.decide',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({
        url: `/recoveries/${ids.extra.pendingRecoveryId}/decision`,
        body: { approve: false, note: 'Probe' },
      }),
    },
    'GET /api/v1/recoveries/ledger': {
      action: 'recoveries.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/recoveries/ledger' }),
    },
    'GET /api/v1/recoveries/roi': {
      action: 'recoveries.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/recoveries/roi' }),
    },
    'POST /api/v1/cases/:id/reply': {
      action: 'cases.work',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'not_found',
      // The fixture case has no customer: an allowed caller who sees it gets 422, not a send.
      probe: (ids) => ({
        url: `/cases/${ids.extra.recoveryCaseId}/reply`,
        body: { subject: 'About your visit', body: 'We are sorry.', resurvey: false },
      }),
    },
  },
  async fixtures(db, ids) {
    const theCase = await createCase(db, {
      orgId: ids.orgId,
      responseId: ids.responseId,
      unitId: ids.unitId,
      ownerId: ids.personId,
    });
    const [allowance] = await db
      .insert(recoveryAllowances)
      .values({
        orgId: ids.orgId,
        role: 'manager',
        unitId: ids.unitId,
        perCaseCap: '10.00',
        periodBudget: '10.00',
      })
      .returning();
    const [pending] = await db
      .insert(recoveryActions)
      .values({
        orgId: ids.orgId,
        caseId: theCase.id,
        takenBy: ids.personId,
        unitId: ids.unitId,
        type: 'refund',
        amount: '90.00',
        currency: 'USD',
        note: 'Probe refund',
        status: 'pending_approval',
      })
      .returning();
    return {
      recoveryCaseId: theCase.id,
      allowanceId: allowance!.id,
      pendingRecoveryId: pending!.id,
    };
  },
};
