import type { SurveyDefinition, TenureBandCode } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';

/**
 * Plain records of the demo's employee voice (see pulses.ts). Like records.ts they refer to
 * units by external id; fields under `latent` are the hidden truth, never written.
 */
export type DemoPulseKind = 'employee_pulse' | 'internal_service' | 'manager_upward';

export interface DemoPulseProgram {
  kind: DemoPulseKind;
  name: string;
  cadence: 'monthly' | 'quarterly';
  definition: SurveyDefinition;
  /** ISO instant version 1 was published and the program created (before the first wave). */
  publishedAt: string;
  openDays: number;
  reminderAfterDays: number | null;
  waves: DemoPulseWave[];
}

/** A closed wave: when it ran, participation per unit, and the anonymous responses. */
export interface DemoPulseWave {
  /** `YYYY-MM`: the month, or the quarter's first month. */
  period: string;
  /** Month of the cross-lagged panel (0 oldest … 23 the month of `asOf`). */
  month: number;
  opensAt: string;
  closesAt: string;
  participation: Array<{ unitExternalId: string; invited: number; responded: number }>;
  responses: DemoEmployeeResponse[];
}

export interface DemoEmployeeResponse {
  /** The respondent's unit (for upward surveys: the unit they lead). */
  unitExternalId: string;
  /** Internal service: the back-office unit rated; null otherwise. */
  subjectUnitExternalId: string | null;
  tenureBand: TenureBandCode;
  /** The day only, YYYY-MM-DD. */
  submittedOn: string;
  answers: Answers;
  latent: {
    /** The latent this response's main items load on (employee value, ISQ or upward support). */
    value: number;
    /** The unit-level truth it varies around: E_{u,t}, Q_b or L_parent. */
    unitValue: number;
  };
}

export interface DemoPulses {
  programs: DemoPulseProgram[];
}
