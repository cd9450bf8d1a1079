import {
  type ActionPlanBody,
  actionPlanDetailSchema,
  actionPlanPageSchema,
  actionPlanSuggestionsSchema,
  type BusinessHours,
  bulkAssignResultSchema,
  businessHoursSchema,
  type CaseRuleBody,
  type CaseStatus,
  caseDetailSchema,
  caseEventSchema,
  casePageSchema,
  caseQueueSchema,
  caseReplyResultSchema,
  caseRuleListSchema,
  caseRulePreviewSchema,
  caseRuleSchema,
  myRecoveryAllowanceSchema,
  notificationPageSchema,
  notificationSchema,
  organizationSchema,
  readAllNotificationsResultSchema,
  recordedRecoverySchema,
  recoveryActionSchema,
  type recoveryAllowanceBodySchema,
  recoveryAllowanceListSchema,
  recoveryAllowanceSchema,
  recoveryLedgerSchema,
  recoveryListSchema,
  recoveryRoiSchema,
  type recoveryTypes,
  rootCauseListSchema,
  rootCauseParetoSchema,
  rootCauseSchema,
  type UpdateActionPlanBody,
} from '@valueloop/contracts';
import { z } from 'zod';
import { api } from './client.ts';

/** The closed loop (issue 6): cases, recovery, rules, action plans, notifications. */

type Query = Record<string, string | number | undefined>;

// ---- Cases -------------------------------------------------------------------------------------

/** `queryString` may repeat `status` (see pages/cases/case-search.ts). */
export const listCases = (queryString: string) => api(`/cases?${queryString}`, casePageSchema);
export const getCase = (id: string) => api(`/cases/${id}`, caseDetailSchema);

export interface CaseUpdate {
  version: number;
  status?: CaseStatus;
  ownerId?: string | null;
  rootCauseId?: string | null;
}
/** A stale `version` fails with ApiError 409; the page then reloads the case to show it. */
export const updateCase = (id: string, body: CaseUpdate) =>
  api(`/cases/${id}`, caseDetailSchema, { method: 'PATCH', body });

export const addCaseNote = (id: string, text: string) =>
  api(`/cases/${id}/notes`, caseEventSchema, { method: 'POST', body: { text } });

export const bulkAssignCases = (caseIds: string[], ownerId: string) =>
  api('/cases/bulk-assign', bulkAssignResultSchema, {
    method: 'POST',
    body: { caseIds, ownerId },
  });

export const replyToCustomer = (
  id: string,
  body: { subject: string; body: string; resurvey: boolean },
) => api(`/cases/${id}/reply`, caseReplyResultSchema, { method: 'POST', body });

export const listRootCauses = () => api('/root-causes', rootCauseListSchema);
export const getPareto = (query: Query) =>
  api('/root-causes/pareto', rootCauseParetoSchema, { query });

// ---- Recovery ----------------------------------------------------------------------------------

export type RecoveryType = (typeof recoveryTypes)[number];

export const recordRecovery = (
  caseId: string,
  body: { type: RecoveryType; amount: string; currency: string; note: string },
) => api(`/cases/${caseId}/recoveries`, recordedRecoverySchema, { method: 'POST', body });

export const getMyAllowance = () => api('/recovery-allowances/me', myRecoveryAllowanceSchema);

export const listPendingRecoveries = () =>
  api('/recoveries', recoveryListSchema, { query: { status: 'pending_approval' } });

export const decideRecovery = (id: string, approve: boolean, note?: string) =>
  api(`/recoveries/${id}/decision`, recoveryActionSchema, {
    method: 'POST',
    body: { approve, ...(note ? { note } : {}) },
  });

export const getLedger = (query: Query) =>
  api('/recoveries/ledger', recoveryLedgerSchema, { query });
export const getRecoveryRoi = (query: Query) =>
  api('/recoveries/roi', recoveryRoiSchema, { query });

// ---- Rules -------------------------------------------------------------------------------------

export const listCaseRules = () => api('/case-rules', caseRuleListSchema);
export const createCaseRule = (body: CaseRuleBody) =>
  api('/case-rules', caseRuleSchema, { method: 'POST', body });
export const updateCaseRule = (id: string, body: CaseRuleBody & { version: number }) =>
  api(`/case-rules/${id}`, caseRuleSchema, { method: 'PATCH', body });
export const deleteCaseRule = (id: string) =>
  api(`/case-rules/${id}`, z.unknown(), { method: 'DELETE' });
export const previewCaseRule = (body: CaseRuleBody) =>
  api('/case-rules/preview', caseRulePreviewSchema, { method: 'POST', body });
export const listCaseQueues = () =>
  api('/case-queues', z.object({ items: z.array(caseQueueSchema) }));

// ---- Action plans ------------------------------------------------------------------------------

export const listActionPlans = (query: Query) =>
  api('/action-plans', actionPlanPageSchema, { query });
export const getActionPlan = (id: string) => api(`/action-plans/${id}`, actionPlanDetailSchema);
export const createActionPlan = (body: ActionPlanBody) =>
  api('/action-plans', actionPlanDetailSchema, { method: 'POST', body });
export const updateActionPlan = (id: string, body: UpdateActionPlanBody) =>
  api(`/action-plans/${id}`, actionPlanDetailSchema, { method: 'PATCH', body });
export const getPlanSuggestions = (unitId: string) =>
  api('/action-plans/suggestions', actionPlanSuggestionsSchema, { query: { unitId } });

// ---- Notifications -----------------------------------------------------------------------------

export const listNotifications = (query: Query) =>
  api('/notifications', notificationPageSchema, { query });
export const markNotificationRead = (id: string) =>
  api(`/notifications/${id}/read`, notificationSchema, { method: 'POST' });
export const markAllNotificationsRead = () =>
  api('/notifications/read-all', readAllNotificationsResultSchema, { method: 'POST' });

// ---- Closed-loop settings (pages/admin/loop-settings) ------------------------------------------

export const getOrganization = () => api('/organization', organizationSchema);

export const createRootCause = (body: { name: string; parentId: string | null }) =>
  api('/root-causes', rootCauseSchema, { method: 'POST', body });
export const updateRootCause = (id: string, body: { name?: string; active?: boolean }) =>
  api(`/root-causes/${id}`, rootCauseSchema, { method: 'PATCH', body });

export type RecoveryAllowanceBody = z.input<typeof recoveryAllowanceBodySchema>;
export const listRecoveryAllowances = () =>
  api('/recovery-allowances', recoveryAllowanceListSchema);
export const upsertRecoveryAllowance = (body: RecoveryAllowanceBody) =>
  api('/recovery-allowances', recoveryAllowanceSchema, { method: 'PUT', body });
export const deleteRecoveryAllowance = (id: string) =>
  api(`/recovery-allowances/${id}`, z.unknown(), { method: 'DELETE' });

export const createCaseQueue = (body: { name: string; memberIds: string[] }) =>
  api('/case-queues', caseQueueSchema, { method: 'POST', body });

export const getBusinessHours = () => api('/business-hours', businessHoursSchema);
export const setBusinessHours = (body: BusinessHours) =>
  api('/business-hours', businessHoursSchema, { method: 'PUT', body });
