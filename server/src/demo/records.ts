import type { Distribution, Role, SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';
import type { CustomerSegment } from './causal-model.ts';
import type { DemoLoginKey } from './logins.ts';

/**
 * Plain records produced by the demo generator. They reference each other by external id
 * (as an import file would), never by database id; `loadDemoOrganization` maps them to rows.
 * Fields under `latent` are the model's hidden truth: they are never written to the database.
 */
export interface DemoOrganizationRecord {
  slug: string;
  name: string;
  currency: string;
}

export type DemoUnitLevel = 'head_office' | 'region' | 'branch' | 'department';

export interface DemoUnit {
  externalId: string;
  parentExternalId: string | null;
  name: string;
  level: DemoUnitLevel;
  kind: 'front_line' | 'back_office';
  /** Planned number of active people (manager included). */
  headcount: number;
}

export interface DemoSupportEdge {
  /** The back-office unit that serves. */
  fromExternalId: string;
  toExternalId: string;
}

/** The hidden unit-level truth of the causal model. */
export interface DemoUnitLatent {
  unitExternalId: string;
  leadership: number;
  climate: number;
  /** Baseline unit employee value E*_u. */
  employeeValue: number;
  /** Internal service quality Q_u (back-office units only). */
  internalServiceQuality: number | null;
  /** Baseline unit customer value V*_u (front-line units only). */
  customerValue: number | null;
}

/** One branch-month of the cross-lagged panel; month 0 is the oldest, the last is `asOf`'s month. */
export interface DemoUnitMonth {
  unitExternalId: string;
  month: number;
  employeeValue: number;
  customerValue: number;
}

export interface DemoOrganization {
  organization: DemoOrganizationRecord;
  units: DemoUnit[];
  supportEdges: DemoSupportEdge[];
  latents: DemoUnitLatent[];
  panel: DemoUnitMonth[];
}

export interface DemoPerson {
  externalId: string;
  name: string;
  email: string;
  unitExternalId: string;
  roles: Role[];
  /** ISO dates (YYYY-MM-DD). */
  hireDate: string;
  exitDate: string | null;
  payBand: string;
  /** External id of the unit this person leads, if any. */
  manages: string | null;
  /** Set for the five documented demo logins. */
  demoLogin: DemoLoginKey | null;
  latent: { employeeValue: number };
}

export interface DemoCustomer {
  externalId: string;
  name: string;
  email: string | null;
  homeBranchExternalId: string;
  segment: CustomerSegment;
  customerSince: string;
  latent: {
    customerValue: number;
    satisfaction: number;
    loyalty: number;
    /** Expected purchases per month. */
    purchaseRate: number;
  };
}

export type DemoChannel = 'branch' | 'phone' | 'chat';

/** The demo's customer-value survey: one published version, active throughout the history. */
export interface DemoSurvey {
  name: string;
  definition: SurveyDefinition;
  distribution: Distribution;
  /** ISO instant the version was published (the start of the history). */
  publishedAt: string;
}

export interface DemoInteraction {
  externalId: string;
  customerExternalId: string;
  unitExternalId: string;
  /** The employees of the branch who served; the first is the main one. */
  employeeExternalIds: string[];
  channel: DemoChannel;
  /** Month of the cross-lagged panel (0 oldest … 23 the month of `asOf`). */
  month: number;
  /** ISO instants. `completedAt` is null when the work finishes after `asOf`. */
  occurredAt: string;
  promisedAt: string;
  completedAt: string | null;
  /** Whether the promise was (or will be) broken; visible in the data as completed > promised. */
  latent: { promiseBroken: boolean };
}

/** An invitation sent after an interaction (at most one per interaction). */
export interface DemoInvitation {
  interactionExternalId: string;
  customerExternalId: string;
  sentAt: string;
  expiresAt: string;
  remindedAt: string | null;
  openedAt: string | null;
  completedAt: string | null;
}

/** A complete response to the invitation of an interaction. */
export interface DemoResponse {
  interactionExternalId: string;
  customerExternalId: string;
  unitExternalId: string;
  /** The main employee who served. */
  employeeExternalId: string;
  language: 'en' | 'es';
  /** Answers by question id; `thanks` holds person *external* ids (the loader maps them). */
  answers: Answers;
  startedAt: string;
  submittedAt: string;
  durationMs: number;
  latent: {
    /** The branch-month customer value V_{u,t} of the panel. */
    branchCustomerValue: number;
    /** The respondent's experience x, satisfaction s and loyalty y for this visit. */
    experience: number;
    satisfaction: number;
    loyalty: number;
  };
}

export interface DemoFeedback {
  survey: DemoSurvey;
  interactions: DemoInteraction[];
  invitations: DemoInvitation[];
  responses: DemoResponse[];
}
