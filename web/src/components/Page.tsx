import { type ReactNode, useEffect } from 'react';

interface Props {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A page: sets the document title and renders the one h1. */
export function Page({ title, intro, actions, children }: Props) {
  useEffect(() => {
    document.title = `${title} · ValueLoop`;
  }, [title]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {intro && <p className="page-intro">{intro}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
