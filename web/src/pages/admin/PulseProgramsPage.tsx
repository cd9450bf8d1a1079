import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PulseProgram, PulseWave } from '@valueloop/contracts';
import { useState } from 'react';
import {
  closePulseWave,
  launchPulseWave,
  pulseProgramsQuery,
  pulseWavesQuery,
  updatePulseProgram,
} from '../../api/employee.ts';
import { unitTreeQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { percent, periodLabel } from '../pulse/labels.ts';
import { PulseTabs } from '../pulse/PulseTabs.tsx';
import { NewPulseProgram, programKindLabel } from './NewPulseProgram.tsx';

const day = (iso: string) => new Date(iso).toLocaleDateString('en');

/** Admin: recurring pulse programs, their waves, and on-demand launch/close. */
export function PulseProgramsPage() {
  return (
    <Page
      title="Pulse programs"
      intro="Recurring anonymous surveys for employees. Each wave invites the population by e-mail, reminds those who have not answered, and closes after its open days."
    >
      <PulseTabs />
      <RequireRole roles={['admin', 'analyst']}>
        <div className="split">
          <ProgramList />
          <NewPulseProgram />
        </div>
      </RequireRole>
    </Page>
  );
}

function ProgramList() {
  const programs = useQuery(pulseProgramsQuery);
  const tree = useQuery(unitTreeQuery);
  const unitName = (id: string | null) =>
    id === null
      ? 'Whole organization'
      : (tree.data?.units.find((u) => u.id === id)?.name ?? 'A unit');
  if (programs.isPending) return <p className="muted">Loading pulse programs…</p>;
  if (programs.isError) {
    return <ErrorMessage error={programs.error} title="Could not load pulse programs" />;
  }
  if (programs.data.items.length === 0) return <p className="muted">No pulse programs yet.</p>;
  return (
    <div className="side-stack" data-testid="program-list">
      {programs.data.items.map((p) => (
        <ProgramCard key={p.id} program={p} population={unitName(p.populationUnitId)} />
      ))}
    </div>
  );
}

function ProgramCard({ program, population }: { program: PulseProgram; population: string }) {
  const queryClient = useQueryClient();
  const [showWaves, setShowWaves] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['pulse'] });
  const toggle = useMutation({
    mutationFn: () =>
      updatePulseProgram(program.id, {
        status: program.status === 'active' ? 'paused' : 'active',
      }),
    onSuccess: refresh,
  });
  const launch = useMutation({
    mutationFn: () => launchPulseWave(program.id),
    onSuccess: async () => {
      setShowWaves(true);
      await refresh();
    },
  });
  const titleId = `program-title-${program.id}`;
  return (
    <section className="card" aria-labelledby={titleId} data-program-id={program.id}>
      <div className="program-head">
        <h2 id={titleId}>{program.name}</h2>
        <span className={`badge badge-program-${program.status}`}>{program.status}</span>
      </div>
      <dl className="facts facts-compact">
        <div>
          <dt>Survey</dt>
          <dd>
            {program.surveyName} · {programKindLabel(program.kind)}
          </dd>
        </div>
        <div>
          <dt>Cadence</dt>
          <dd>{program.cadence === 'monthly' ? 'Monthly' : 'Quarterly'}</dd>
        </div>
        <div>
          <dt>Invited</dt>
          <dd>{population}</dd>
        </div>
        <div>
          <dt>Open for</dt>
          <dd>
            {program.openDays} days
            {program.reminderAfterDays === null
              ? ', no reminder'
              : `, reminder after ${program.reminderAfterDays}`}
          </dd>
        </div>
      </dl>
      <ErrorMessage error={toggle.error} title="Could not change the program" />
      <ErrorMessage error={launch.error} title="Could not launch a wave" />
      <div className="toolbar-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => toggle.mutate()}
          disabled={toggle.isPending}
        >
          {program.status === 'active' ? 'Pause' : 'Resume'}
          <span className="visually-hidden"> {program.name}</span>
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => launch.mutate()}
          disabled={launch.isPending}
        >
          {launch.isPending ? 'Launching…' : 'Launch a wave now'}
          <span className="visually-hidden"> for {program.name}</span>
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          aria-expanded={showWaves}
          aria-controls={`waves-${program.id}`}
          onClick={() => setShowWaves(!showWaves)}
        >
          {showWaves ? 'Hide waves' : 'Show waves'}
          <span className="visually-hidden"> of {program.name}</span>
        </button>
      </div>
      <div id={`waves-${program.id}`}>{showWaves && <WaveTable programId={program.id} />}</div>
    </section>
  );
}

function WaveTable({ programId }: { programId: string }) {
  const waves = useQuery(pulseWavesQuery(programId));
  if (waves.isPending) return <p className="muted">Loading waves…</p>;
  if (waves.isError) return <ErrorMessage error={waves.error} title="Could not load waves" />;
  if (waves.data.items.length === 0) return <p className="muted">No waves yet.</p>;
  const newestFirst = [...waves.data.items].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <div className="table-wrap">
      <table className="table compact-table" data-testid="wave-table">
        <caption className="visually-hidden">Waves</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Open</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Answered
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((wave) => (
            <WaveRow key={wave.id} wave={wave} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WaveRow({ wave }: { wave: PulseWave }) {
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => closePulseWave(wave.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['pulse'] }),
  });
  return (
    <tr data-wave-id={wave.id}>
      <th scope="row" className="row-head">
        {periodLabel(wave.period)}
      </th>
      <td className="nowrap">
        {day(wave.opensAt)} – {day(wave.closesAt)}
      </td>
      <td>
        <span className={`badge badge-wave-${wave.status}`}>{wave.status}</span>
      </td>
      <td className="num">
        {wave.responded} / {wave.invited}
        {wave.participationRate !== null && (
          <span className="cell-sub">{percent(wave.participationRate)}</span>
        )}
      </td>
      <td>
        {wave.status === 'open' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => close.mutate()}
            disabled={close.isPending}
          >
            Close
            <span className="visually-hidden"> the {periodLabel(wave.period)} wave</span>
          </button>
        )}
        <ErrorMessage error={close.error} title="Could not close the wave" />
      </td>
    </tr>
  );
}
