import type { Role } from '@valueloop/contracts';

/** Who is calling: a signed-in person (cookie session) or a machine client (API token). */
export type Principal =
  | {
      kind: 'session';
      orgId: string;
      personId: string;
      roles: readonly Role[];
      unitId: string | null;
      csrfToken: string;
    }
  | {
      kind: 'token';
      orgId: string;
      tokenId: string;
      scopes: readonly ApiTokenScope[];
    };

export const apiTokenScopes = ['ingest', 'read'] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;
