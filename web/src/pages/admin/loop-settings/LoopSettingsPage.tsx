import { Page } from '../../../components/Page.tsx';
import { RequireRole } from '../../../components/RequireRole.tsx';
import { hasRole, useSession } from '../../../session.ts';
import { AllowanceSection } from './AllowanceSection.tsx';
import { BusinessHoursSection } from './BusinessHoursSection.tsx';
import { QueueSection } from './QueueSection.tsx';
import { RootCauseSection } from './RootCauseSection.tsx';

/** Closed-loop settings (admins and analysts; allowance writes are admin-only). */
export function LoopSettingsPage() {
  const { data: session } = useSession();
  const isAdmin = session ? hasRole(session, 'admin') : false;
  return (
    <Page
      title="Closed-loop settings"
      intro="The root causes cases are classified by, what staff may spend on recovery, the queues cases go to, and the business hours SLA clocks count in."
    >
      <RequireRole roles={['admin', 'analyst']}>
        <div className="settings-sections">
          <RootCauseSection />
          <AllowanceSection canEdit={isAdmin} />
          <QueueSection />
          <BusinessHoursSection />
        </div>
      </RequireRole>
    </Page>
  );
}
