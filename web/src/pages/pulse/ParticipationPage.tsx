import { useQueries, useQuery } from '@tanstack/react-query';
import type { Participation, PulseProgram, PulseWave } from '@valueloop/contracts';
import { useMemo, useState } from 'react';
import { getParticipation, pulseProgramsQuery, pulseWavesQuery } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useSession } from '../../session.ts';
import { percent, periodLabel } from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { buildRowTree, visibleRows } from './unit-rows.ts';
import { readsPrograms } from './use-unit-scope.ts';

/** Participation: waves of each program with progress, and per-unit rates of one wave. */
export function ParticipationPage() {
  const { data: session } = useSession();
  const reader = session ? readsPrograms(session.person.roles) : false;
  const programs = useQuery({ ...pulseProgramsQuery, enabled: reader });
  const list = programs.data?.items ?? [];
  const waves = useQueries({ queries: list.map((p) => pulseWavesQuery(p.id)) });
  const [waveId, setWaveId] = useState<string | null>(null);
  const allWaves = waves.flatMap((w) => w.data?.items ?? []);
  // Until the reader picks one: the newest wave of the first program (employee pulse first).
  const firstProgram = [...list].sort(
    (a, b) => Number(b.kind === 'employee_pulse') - Number(a.kind === 'employee_pulse'),
  )[0];
  const fallback = [...allWaves]
    .filter((w) => w.programId === firstProgram?.id)
    .sort((a, b) => b.period.localeCompare(a.period))[0];
  const chosen = allWaves.find((w) => w.id === waveId) ?? fallback ?? null;

  return (
    <Page
      title="Participation"
      intro="Who has answered is never shown, only how many. Units with fewer invitees than the anonymity threshold read “small group”."
    >
      <PulseTabs />
      <RequireRole roles={['admin', 'analyst', 'executive', 'manager']}>
        <ErrorMessage error={programs.error} title="Could not load pulse programs" />
        {reader && programs.isPending && <p className="muted">Loading pulse programs…</p>}
        {programs.data && list.length === 0 && <p className="muted">No pulse programs yet.</p>}
        <div className="split pulse-split">
          <div className="side-stack" data-testid="participation-programs">
            {list.map((program, i) => (
              <ProgramWaves
                key={program.id}
                program={program}
                waves={waves[i]?.data?.items}
                error={waves[i]?.error}
                chosenId={chosen?.id ?? null}
                onChoose={setWaveId}
              />
            ))}
          </div>
          <div className="side-stack">{chosen && <WaveParticipation wave={chosen} />}</div>
        </div>
      </RequireRole>
    </Page>
  );
}

interface ProgramWavesProps {
  program: PulseProgram;
  waves: PulseWave[] | undefined;
  error: unknown;
  chosenId: string | null;
  onChoose: (id: string) => void;
}

function ProgramWaves({ program, waves, error, chosenId, onChoose }: ProgramWavesProps) {
  const titleId = `program-${program.id}`;
  const newestFirst = [...(waves ?? [])].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{program.name}</h2>
      <ErrorMessage error={error} title="Could not load waves" />
      {waves && waves.length === 0 && <p className="muted">No waves yet.</p>}
      <ul className="wave-list">
        {newestFirst.slice(0, 12).map((wave) => (
          <li key={wave.id} className="wave-row" data-wave-id={wave.id}>
            <div className="wave-head">
              <strong>{periodLabel(wave.period)}</strong>
              <span className={`badge badge-wave-${wave.status}`}>{wave.status}</span>
              <button
                type="button"
                className="button button-small"
                aria-pressed={chosenId === wave.id}
                onClick={() => onChoose(wave.id)}
              >
                By unit
                <span className="visually-hidden"> for {periodLabel(wave.period)}</span>
              </button>
            </div>
            <Progress
              responded={wave.responded}
              invited={wave.invited}
              rate={wave.participationRate}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Progress({
  responded,
  invited,
  rate,
}: {
  responded: number;
  invited: number;
  rate: number | null;
}) {
  const width = rate === null ? 0 : Math.min(100, Math.round(rate * 100));
  return (
    <div className="progress-line">
      <div className="progress-track" aria-hidden="true">
        <div className="progress-fill" style={{ width: `${width}%` }} />
      </div>
      <span className="progress-text">
        {responded} of {invited} responded{rate === null ? '' : ` (${percent(rate)})`}
      </span>
    </div>
  );
}

function WaveParticipation({ wave }: { wave: PulseWave }) {
  const participation = useQuery({
    queryKey: ['pulse', 'participation', wave.id],
    queryFn: () => getParticipation(wave.id),
  });
  return (
    <section className="card" aria-labelledby="wave-units-title" aria-live="polite">
      <h2 id="wave-units-title">By unit · {periodLabel(wave.period)}</h2>
      <p className="muted">
        {wave.responded} of {wave.invited} responded
        {wave.participationRate === null ? '' : ` (${percent(wave.participationRate)})`}
      </p>
      <ErrorMessage error={participation.error} title="Could not load participation" />
      {participation.isPending && <p className="muted">Loading…</p>}
      {participation.data && <ParticipationTable data={participation.data} />}
    </section>
  );
}

function ParticipationTable({ data }: { data: Participation }) {
  const placed = useMemo(() => {
    const tree = buildRowTree(data.rows);
    return visibleRows(tree, new Set(data.rows.map((r) => r.unitId)));
  }, [data.rows]);
  if (data.rows.length === 0) return <p className="muted">No invitees in units you may see.</p>;
  return (
    <ScrollRegion label="Participation table">
      <table className="table compact-table" data-testid="participation-table">
        <caption className="visually-hidden">Participation per unit</caption>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Invited
            </th>
            <th scope="col" className="num">
              Responded
            </th>
            <th scope="col" className="num">
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {placed.map(({ row, level }) => (
            <tr key={row.unitId} data-status={row.status}>
              <th
                scope="row"
                className="row-head"
                style={{ paddingLeft: `${0.6 + (level - 1) * 1.1}rem` }}
              >
                {row.unitName}
              </th>
              {row.status === 'small_group' ? (
                <td className="cell-suppressed" colSpan={3}>
                  small group
                </td>
              ) : (
                <>
                  <td className="num">{row.invited ?? '–'}</td>
                  <td className="num">{row.responded ?? '–'}</td>
                  <td className="num">{row.rate === null ? '–' : percent(row.rate)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
