import type { Role } from '@valueloop/contracts';
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
