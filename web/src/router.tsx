import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { getSession } from './api/endpoints.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/NotFound.tsx';
import { ApiTokensPage } from './pages/admin/ApiTokensPage.tsx';
import { ImportPage } from './pages/admin/ImportPage.tsx';
import { MailboxPage } from './pages/admin/MailboxPage.tsx';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage.tsx';
import { LoginPage } from './pages/auth/LoginPage.tsx';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage.tsx';
import { type CaseSearch, parseCaseSearch } from './pages/cases/case-search.ts';
import { ExplorerPage } from './pages/explorer/ExplorerPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { PeoplePage } from './pages/PeoplePage.tsx';
import { type PulseSearch, parsePulseSearch } from './pages/pulse/pulse-search.ts';
import { parseResponseSearch, type ResponseSearch } from './pages/responses/response-filters.ts';
import type { EditorTab } from './pages/surveys/SurveyEditorPage.tsx';
import { queryClient } from './query-client.ts';
import { sessionQueryKey } from './session.ts';

interface RouterContext {
  queryClient: QueryClient;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: text(search.redirect),
  }),
  component: LoginPage,
});

const forgotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: text(search.token),
  }),
  component: ResetPasswordPage,
});

/** Everything below needs a signed-in person; others are sent to the login page. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData({
      queryKey: sessionQueryKey,
      queryFn: getSession,
    });
    if (!session) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { session };
  },
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const explorerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/explorer',
  component: ExplorerPage,
});
const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people',
  validateSearch: (search: Record<string, unknown>): { q?: string; unitId?: string } => ({
    q: text(search.q),
    unitId: text(search.unitId),
  }),
  component: PeoplePage,
});
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/import',
  component: ImportPage,
});
const tokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/tokens',
  component: ApiTokensPage,
});
const mailboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/mailbox',
  component: MailboxPage,
});

// The feedback pages load on first visit, keeping the initial bundle as it was.
const surveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/surveys',
  component: lazyRouteComponent(() => import('./pages/surveys/SurveysPage.tsx'), 'SurveysPage'),
});
const editorTabs: readonly EditorTab[] = ['questions', 'distribution', 'versions'];
const surveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/surveys/$surveyId',
  validateSearch: (search: Record<string, unknown>): { tab?: EditorTab } => ({
    tab: editorTabs.find((t) => t === search.tab),
  }),
  component: lazyRouteComponent(
    () => import('./pages/surveys/SurveyEditorPage.tsx'),
    'SurveyEditorPage',
  ),
});
const responsesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/responses',
  validateSearch: (search: Record<string, unknown>): ResponseSearch => parseResponseSearch(search),
  component: lazyRouteComponent(
    () => import('./pages/responses/ResponsesPage.tsx'),
    'ResponsesPage',
  ),
});
const responseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/responses/$responseId',
  component: lazyRouteComponent(
    () => import('./pages/responses/ResponseDetailPage.tsx'),
    'ResponseDetailPage',
  ),
});

// Employee voice (issue 5): loaded on first visit, like the feedback pages.
const pulseSearch = (search: Record<string, unknown>): PulseSearch => parsePulseSearch(search);
const teamPulseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse',
  validateSearch: pulseSearch,
  component: lazyRouteComponent(() => import('./pages/pulse/TeamPulsePage.tsx'), 'TeamPulsePage'),
});
const heatmapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/heatmap',
  validateSearch: pulseSearch,
  component: lazyRouteComponent(() => import('./pages/pulse/HeatmapPage.tsx'), 'HeatmapPage'),
});
const internalServiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/internal-service',
  validateSearch: pulseSearch,
  component: lazyRouteComponent(
    () => import('./pages/pulse/InternalServicePage.tsx'),
    'InternalServicePage',
  ),
});
const upwardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/upward',
  validateSearch: pulseSearch,
  component: lazyRouteComponent(() => import('./pages/pulse/UpwardPage.tsx'), 'UpwardPage'),
});
const participationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/participation',
  component: lazyRouteComponent(
    () => import('./pages/pulse/ParticipationPage.tsx'),
    'ParticipationPage',
  ),
});
const retentionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/retention',
  component: lazyRouteComponent(() => import('./pages/pulse/RetentionPage.tsx'), 'RetentionPage'),
});
const pulseProgramsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/programs',
  component: lazyRouteComponent(
    () => import('./pages/admin/PulseProgramsPage.tsx'),
    'PulseProgramsPage',
  ),
});
const hrImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pulse/hr-import',
  component: lazyRouteComponent(() => import('./pages/admin/HrImportPage.tsx'), 'HrImportPage'),
});

// The closed loop (issue 6): loaded on first visit, like the feedback pages.
const casesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases',
  validateSearch: (search: Record<string, unknown>): CaseSearch => parseCaseSearch(search),
  component: lazyRouteComponent(() => import('./pages/cases/CaseInboxPage.tsx'), 'CaseInboxPage'),
});
const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  component: lazyRouteComponent(() => import('./pages/cases/CaseDetailPage.tsx'), 'CaseDetailPage'),
});
const approvalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/loop/approvals',
  component: lazyRouteComponent(() => import('./pages/loop/ApprovalsPage.tsx'), 'ApprovalsPage'),
});
const ledgerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/loop/ledger',
  component: lazyRouteComponent(() => import('./pages/loop/LedgerPage.tsx'), 'LedgerPage'),
});
const paretoRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/loop/root-causes',
  component: lazyRouteComponent(() => import('./pages/loop/ParetoPage.tsx'), 'ParetoPage'),
});
const plansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/loop/plans',
  component: lazyRouteComponent(
    () => import('./pages/loop/ActionPlanBoard.tsx'),
    'ActionPlanBoard',
  ),
});
const rulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/rules',
  component: lazyRouteComponent(() => import('./pages/loop/RulesPage.tsx'), 'RulesPage'),
});
const loopSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/loop-settings',
  component: lazyRouteComponent(
    () => import('./pages/admin/loop-settings/LoopSettingsPage.tsx'),
    'LoopSettingsPage',
  ),
});
const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('./pages/loop/NotificationsPage.tsx'),
    'NotificationsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotRoute,
  resetRoute,
  appRoute.addChildren([
    homeRoute,
    explorerRoute,
    peopleRoute,
    importRoute,
    tokensRoute,
    mailboxRoute,
    surveysRoute,
    surveyRoute,
    responsesRoute,
    responseRoute,
    teamPulseRoute,
    heatmapRoute,
    internalServiceRoute,
    upwardRoute,
    participationRoute,
    retentionRoute,
    pulseProgramsRoute,
    hrImportRoute,
    casesRoute,
    caseRoute,
    approvalsRoute,
    ledgerRoute,
    paretoRoute,
    plansRoute,
    rulesRoute,
    loopSettingsRoute,
    notificationsRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: false,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
