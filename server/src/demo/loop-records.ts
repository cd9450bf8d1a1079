import type { CaseStatus, casePriorities } from '@valueloop/contracts';
import type { DemoLoopSettings } from './loop-model.ts';

/**
 * Plain records of the demo's closed loop (see cases.ts). Like records.ts they refer to
 * people, units and customers by external id, to responses by their interaction's external id,
 * to rules by key and to root causes by path ("Staffing/Wait time"); the loader maps them.
 */
export type DemoRecoveryType = 'refund' | 'credit' | 'gift' | 'upgrade' | 'other';

export interface DemoCaseEvent {
  /** ISO instant; strictly increasing within a case. */
  at: string;
  /** Person external id; null for the system (rules, SLA job, the customer's re-survey). */
  actorExternalId: string | null;
  kind: string;
  /** Event details; person, rule and root-cause references by external id / key / path. */
  data: Record<string, string | number | boolean | null>;
}

export interface DemoRecovery {
  takenByExternalId: string;
  /** The unit whose budget pays (the case's unit). */
  unitExternalId: string;
  type: DemoRecoveryType;
  /** Two decimals, as stored ("12.50"). */
  amount: string;
  note: string;
  status: 'taken' | 'pending_approval' | 'approved' | 'rejected';
  decidedByExternalId: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface DemoCase {
  /** The response's interaction (one response per interaction). */
  interactionExternalId: string;
  ruleKey: string;
  customerExternalId: string;
  unitExternalId: string;
  employeeExternalId: string;
  /** The customer's survey language (the re-survey is answered in it). */
  language: 'en' | 'es';
  ownerExternalId: string | null;
  /** True while the case sits in the demo queue (owned by the queue). */
  inQueue: boolean;
  title: string;
  priority: (typeof casePriorities)[number];
  status: CaseStatus;
  rootCause: string | null;
  openedAt: string;
  dueAt: string;
  breachedAt: string | null;
  escalationLevel: number;
  atRiskNotifiedAt: string | null;
  firstActionAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Last change (the latest event). */
  updatedAt: string;
  /** Number of changes after creation (optimistic-locking version − 1). */
  changes: number;
  events: DemoCaseEvent[];
  recoveries: DemoRecovery[];
  latent: {
    /** Whether the customer had another interaction within `comeBackDays` after opening. */
    cameBack: boolean;
  };
}

export interface DemoActionPlan {
  unitExternalId: string;
  ownerExternalId: string;
  title: string;
  description: string;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  dueOn: string;
  followUpWeeks: number;
  baseline: Record<string, number | null>;
  followUp: Record<string, number | null> | null;
  followUpAt: string | null;
  createdAt: string;
  links: Array<{ kind: 'root_cause' | 'customer_theme' | 'pulse_item'; ref: string }>;
}

/** An in-app notification for an open case (no e-mail: the history is not sent again). */
export interface DemoNotification {
  personExternalId: string;
  kind: 'case_assigned' | 'sla_at_risk' | 'case_escalated' | 'approval_needed';
  /** Index into `cases` of the case it is about. */
  caseIndex: number;
  /** The escalation level (case_escalated only; part of the de-duplication key). */
  level?: number;
  title: string;
  body: string;
  createdAt: string;
}

export interface DemoLoop {
  settings: DemoLoopSettings;
  queueMemberExternalIds: string[];
  /** Sorted by opening time (the loader inserts them in this order, so numbers follow time). */
  cases: DemoCase[];
  actionPlans: DemoActionPlan[];
  notifications: DemoNotification[];
}
