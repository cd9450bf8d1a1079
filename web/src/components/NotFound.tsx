import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <main id="main" className="centered">
      <div className="card narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link to="/">Go to your home page</Link>
      </div>
    </main>
  );
}
