interface Props {
  title: string;
  /** What this card will show, in one sentence. */
  what: string;
  /** The module that brings it, e.g. "the employee pulse module". */
  module: string;
}

/** An honest placeholder for a later module: says what will come, shows no numbers. */
export function ComingSoon({ title, what, module }: Props) {
  return (
    <section className="card card-placeholder" aria-label={title}>
      <h2>{title}</h2>
      <p>{what}</p>
      <p className="muted">Coming with {module}.</p>
    </section>
  );
}
