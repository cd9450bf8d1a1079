/**
 * Public types of the confidentiality engine — the only path from anonymous employee responses
 * to numbers a person can see. Everything here is plain data; the engine never touches a
 * database, never sees a person, and never returns anything that identifies a response.
 */

/** Coarse tenure band stored with an anonymous response (the only personal attribute kept). */
export type TenureBand = '<3m' | '3-12m' | '1-3y' | '3y+';

export const tenureBands: readonly TenureBand[] = ['<3m', '3-12m', '1-3y', '3y+'];

/** A node of the organization tree. */
export interface OrgUnit {
  readonly id: string;
  readonly parentId: string | null;
}

/**
 * One anonymous response as stored: unit, period and band only. Rule 4 (time): `period` is a
 * month (`2026-03`) or at the finest a day (`2026-03-17`); validation rejects anything finer, so
 * the engine can never order responses within a day.
 */
export interface AnonymousResponse {
  readonly unitId: string;
  readonly period: string;
  readonly band: TenureBand;
  /** Score per index code (e.g. `evi`, `enps`); null when the person skipped the items. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly comment?: string | null;
}

/** Which units a cell covers: one unit alone, or the unit and everything below it. */
export interface CellUnit {
  readonly unitId: string;
  readonly scope: 'unit' | 'subtree';
}

/** Inclusive window of periods, both ends in the same granularity as the responses. */
export interface PeriodWindow {
  readonly from: string;
  readonly to: string;
}

/** One aggregate a caller wants to show: a unit (or subtree) × window, optionally filtered. */
export interface CellRequest {
  /** The caller's name for the cell, echoed in the result (never interpreted). */
  readonly key: string;
  readonly unit: CellUnit;
  readonly window: PeriodWindow;
  /** Keep only responses whose tenure band is listed; absent means every band. */
  readonly tenure?: readonly TenureBand[];
  /** Ask for the cell's comments too (shown only for groups of at least k_c). */
  readonly comments?: boolean;
  /**
   * How much the caller values the cell (default 0). When complementary suppression must
   * withdraw one of several cells, it withdraws the lowest priority first (then the smallest),
   * e.g. a tenure-band breakdown before a unit's total. It never changes what is safe.
   */
  readonly priority?: number;
}

/** Comments of a shown cell: texts only, in a seeded shuffled order, or withheld. */
export type CommentsResult =
  | { readonly status: 'shown'; readonly texts: readonly string[] }
  | { readonly status: 'suppressed' };

/** A shown cell: its size and the mean of each index (null: not enough answers to that index). */
export interface ShownCell {
  readonly key: string;
  readonly status: 'shown';
  readonly n: number;
  readonly means: Readonly<Record<string, number | null>>;
  readonly comments?: CommentsResult;
}

/** A suppressed cell says only "not enough responses": no number, no count, no reason. */
export interface SuppressedCell {
  readonly key: string;
  readonly status: 'suppressed';
}

export type CellResult = ShownCell | SuppressedCell;

/**
 * Responses already summed per unit × period × band (e.g. by a GROUP BY in SQL): the same
 * information the engine keeps of single responses, so both entry points release the same cells.
 */
export interface AggregatedStratum {
  readonly unitId: string;
  readonly period: string;
  readonly band: TenureBand;
  /** Responses in the stratum (≥ 1). */
  readonly count: number;
  /** Per index code: sum of the values given (absent: nobody answered). */
  readonly sums: Readonly<Record<string, number>>;
  /** Per index code: how many responses answered it (≤ count). */
  readonly answered: Readonly<Record<string, number>>;
  readonly comments?: readonly string[];
}

interface ThresholdOptions {
  readonly units: readonly OrgUnit[];
  /** Index codes whose means are reported (the survey definition's indices). */
  readonly indices: readonly string[];
  /** Minimum group size for scores: default 5, never below the floor of 3. */
  readonly k?: number;
  /** Minimum group size for comments: default max(10, k), never below k. */
  readonly kComments?: number;
  /** Seed for the comment shuffle (e.g. derived from the session); default 0. */
  readonly seed?: number;
}

/** The population comes either as single responses or as pre-aggregated strata. */
export type ConfidentialityOptions = ThresholdOptions &
  (
    | { readonly responses: readonly AnonymousResponse[]; readonly strata?: undefined }
    | { readonly strata: readonly AggregatedStratum[]; readonly responses?: undefined }
  );

export const defaultK = 5;
export const floorK = 3;
export const defaultKComments = 10;
