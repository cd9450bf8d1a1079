import type { Db } from '../db/client.ts';
import type { Action } from '../policies/index.ts';

/**
 * Types of the authorization probe (server/src/http/authorization.test.ts). Each domain module
 * with /api/v1 routes lists them in its own `authorization-probes.ts` (a ProbeModule), which is
 * registered in server/src/http/route-probes.ts.
 */
/** Ids of the first organization, used by every principal (including the other tenant's). */
export interface Ids {
  orgId: string;
  orgSlug: string;
  unitId: string;
  backOfficeId: string;
  personId: string;
  tokenId: string;
  unitExternalId: string;
  surveyId: string;
  webhookId: string;
  webhookDeliveryId: number;
  responseId: string;
  /** Fixture ids made by the module probe files (route-probes.ts), by their own names. */
  extra: Record<string, string>;
}
export interface Probe {
  url: string;
  body?: string | object;
  contentType?: string;
}
export interface RouteSpec {
  /** The policy action the route checks; roles and token scopes outside it must get 403. */
  action?: Action;
  /** Needs no authentication at all (sign-in, password reset). */
  public?: true;
  /** Only a signed-in person may call it; API tokens get 403. */
  sessionOnly?: true;
  /** Row-level visibility may still answer 403 to a role the action allows. */
  scoped?: true;
  /** Calling it as allowed would end the probe's own session. */
  skipAllowed?: true;
  /** What a user of ANOTHER organization gets when using the first organization's ids. */
  crossOrg: 'not_found' | 'rejected' | 'no_leak' | 'none';
  probe(ids: Ids): Probe;
}

export interface ProbeModule {
  routes: Record<string, RouteSpec>;
  /** Creates the module's fixtures in the first organization; returns ids for `ids.extra`. */
  fixtures?(db: Db, ids: Ids): Promise<Record<string, string>>;
}
