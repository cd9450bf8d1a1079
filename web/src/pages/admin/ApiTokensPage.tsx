import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { createApiToken, listApiTokens, revokeApiToken } from '../../api/endpoints.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';

type Scope = ApiToken['scopes'][number];
const scopeLabels: Record<Scope, string> = {
  ingest: 'ingest (send interactions and customers)',
  read: 'read (read organization data)',
};
const tokensKey = ['api-tokens'] as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en') : '—');

function CreateToken() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const create = useMutation({
    mutationFn: createApiToken,
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const toggle = (scope: Scope, on: boolean) =>
    setScopes((prev) => (on ? [...prev, scope] : prev.filter((s) => s !== scope)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scopes });
  };

  return (
    <form className="form card" onSubmit={submit}>
      <h2>New token</h2>
      <ErrorMessage error={create.error} title="Could not create the token" />
      <div className="field">
        <label htmlFor="token-name">Name</label>
        <input
          id="token-name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <fieldset className="choice-group">
        <legend>Scopes</legend>
        {(Object.keys(scopeLabels) as Scope[]).map((scope) => (
          <label key={scope} className="choice">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) => toggle(scope, e.target.checked)}
            />
            {scopeLabels[scope]}
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        className="button button-primary"
        disabled={create.isPending || scopes.length === 0}
      >
        Create token
      </button>
      {create.data && (
        <div className="alert alert-success" role="status">
          <p>
            Token <strong>{create.data.name}</strong> created. Copy it now: it is shown only once.
          </p>
          <code className="secret" data-testid="new-token">
            {create.data.token}
          </code>
        </div>
      )}
    </form>
  );
}

function TokenList() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: listApiTokens });
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  if (tokens.isPending) return <p className="muted">Loading tokens…</p>;
  if (tokens.isError) return <ErrorMessage error={tokens.error} title="Could not load tokens" />;
  if (tokens.data.items.length === 0) return <p className="muted">No API tokens yet.</p>;
  return (
    <div className="table-wrap">
      <ErrorMessage error={revoke.error} title="Could not revoke the token" />
      <table className="table">
        <caption>API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.items.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}</code>
              </td>
              <td>{t.scopes.join(', ')}</td>
              <td>{when(t.createdAt)}</td>
              <td>{when(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  `Revoked ${when(t.revokedAt)}`
                ) : (
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => revoke.mutate(t.id)}
                    disabled={revoke.isPending}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ApiTokensPage() {
  return (
    <Page title="API tokens" intro="Tokens let other systems send data to ValueLoop or read it.">
      <RequireRole roles={['admin']}>
        <div className="grid">
          <CreateToken />
          <TokenList />
        </div>
      </RequireRole>
    </Page>
  );
}
