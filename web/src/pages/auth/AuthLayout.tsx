import { type ReactNode, useEffect } from 'react';

interface Props {
  title: string;
  children: ReactNode;
}

/** The frame of the signed-out pages: one centred card inside the main landmark. */
export function AuthLayout({ title, children }: Props) {
  useEffect(() => {
    document.title = `${title} · ValueLoop`;
  }, [title]);
  return (
    <div className="auth-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="auth-brand">
        <span className="brand-mark" aria-hidden="true">
          ◎
        </span>
        ValueLoop
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="card auth-card">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
