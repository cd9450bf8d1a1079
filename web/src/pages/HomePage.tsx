import { Link } from '@tanstack/react-router';
import type { Role } from '@valueloop/contracts';
import type { ReactNode } from 'react';
import { Page } from '../components/Page.tsx';
import { primaryRole, roleLabels, useSession } from '../session.ts';
import { ComingSoon } from './home/ComingSoon.tsx';
import { MyPlace } from './home/MyPlace.tsx';
import { OrgCounts } from './home/OrgCounts.tsx';
import { EmployeeVoiceLinks, PulseSummary } from './home/PulseSummary.tsx';

function AdminTools() {
  return (
    <section className="card" aria-labelledby="admin-tools-title">
      <h2 id="admin-tools-title">Administration</h2>
      <ul className="link-list">
        <li>
          <Link to="/admin/import">Import units, people and support links from CSV</Link>
        </li>
        <li>
          <Link to="/admin/tokens">Manage API tokens</Link>
        </li>
        <li>
          <Link to="/admin/mailbox">Read the development mailbox</Link>
        </li>
        <li>
          <Link to="/pulse/programs">Run pulse programs for employees</Link>
        </li>
        <li>
          <Link to="/pulse/hr-import">Import exits and pay bands</Link>
        </li>
      </ul>
    </section>
  );
}

/** What each role sees below "my place", in order. */
const sectionsByRole: Record<Role, () => ReactNode> = {
  admin: () => (
    <>
      <OrgCounts />
      <AdminTools />
    </>
  ),
  executive: () => (
    <>
      <OrgCounts />
      <ComingSoon
        title="The value chain"
        what="Customer value, employee value and the money they make, per unit and over time."
        module="the chain dashboards (rollups and lifetime value)"
      />
      <EmployeeVoiceLinks />
    </>
  ),
  analyst: () => (
    <>
      <ComingSoon
        title="Analyses"
        what="Linkage models, key drivers and the direction of effect between customer and employee value."
        module="the analytics module"
      />
      <EmployeeVoiceLinks />
    </>
  ),
  manager: () => (
    <>
      <ComingSoon
        title="My unit's cockpit"
        what="Open closed-loop cases, customer value of your unit and praise for your team. Your unit's customer responses are under Responses already."
        module="the closed loop and the chain dashboards"
      />
      <PulseSummary />
    </>
  ),
  employee: () => (
    <>
      <ComingSoon
        title="Feedback and praise I earned"
        what="What customers said about the service you gave, and the recognition you received."
        module="the feedback stream and recognition module"
      />
      <PulseSummary />
    </>
  ),
};

export function HomePage() {
  const { data: session } = useSession();
  if (!session) return null;
  const role = primaryRole(session);
  const Sections = sectionsByRole[role];
  return (
    <Page
      title={`Welcome, ${session.person.name.split(' ')[0]}`}
      intro={`${roleLabels[role]} at ${session.organization.name}`}
    >
      <div className="grid" data-testid={`home-${role}`}>
        <MyPlace />
        <Sections />
      </div>
    </Page>
  );
}
