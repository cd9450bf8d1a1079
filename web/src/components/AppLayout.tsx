import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { logout } from '../api/endpoints.ts';
import { navFor } from '../nav.ts';
import { primaryRole, roleLabels, sessionQueryKey, useSession } from '../session.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/** The signed-in shell: skip link, header with role-aware navigation, main landmark. */
export function AppLayout() {
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page for screen-reader users.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (pathname) mainRef.current?.focus();
  }, [pathname]);

  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      await navigate({ to: '/login' });
    },
  });

  if (!session) return null;
  const items = navFor(session.person.roles);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" aria-label="ValueLoop home">
            <span className="brand-mark" aria-hidden="true">
              ◎
            </span>
            ValueLoop
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {items.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="nav-link"
                    activeProps={{ className: 'nav-link active', 'aria-current': 'page' }}
                    activeOptions={{ exact: item.to === '/' }}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu">
            <NotificationBell />
            <span className="user-name">
              {session.person.name}
              <span className="user-role">
                {roleLabels[primaryRole(session)]} · {session.organization.name}
              </span>
            </span>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="content">
        <ErrorMessage error={signOut.error} title="Could not sign out" />
        <Outlet />
      </main>
      <footer className="footer">
        <p>ValueLoop · the service value chain, made visible</p>
      </footer>
    </div>
  );
}
