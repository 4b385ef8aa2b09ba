import { Navigate, Outlet, createBrowserRouter } from 'react-router-dom';
import { ConsoleLayout } from './layout/console-layout';
import { LiveLogProvider } from './live/live-log';
import { AllPartnersPage } from './pages/all-partners/all-partners.page';
import { PartnerPage } from './pages/partner/partner.page';
import { PartnerDashboardPage } from './pages/portal/partner-dashboard.page';
import { ProjectionsPage } from './pages/projections/projections.page';
import { SignInPage } from './pages/sign-in.page';
import { useSession } from './session/session';

/** Signed-in pages only: without a key (or after a 401) the tab goes back to sign-in. */
function RequireSession() {
  const { signedIn } = useSession();
  if (!signedIn) return <Navigate to="/sign-in" replace />;
  return (
    <LiveLogProvider>
      <Outlet />
    </LiveLogProvider>
  );
}

/** `/`: a teammate's home is All Partners, a partner's its dashboard. */
function Home() {
  const { me } = useSession();
  if (me === undefined) return <p role="status">Loading…</p>;
  return <Navigate to={me.kind === 'partner' ? '/portal' : '/partners'} replace />;
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <ConsoleLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'partners', element: <AllPartnersPage /> },
          { path: 'partners/:partnerId', element: <PartnerPage /> },
          // ECharts is most of the console's code: loaded when the chart is first opened, not before All Partners paints.
          {
            path: 'analytics/manager-performance',
            lazy: () => import('./pages/analytics/manager-performance.page').then((page) => ({ Component: page.ManagerPerformancePage })),
          },
          { path: 'projections', element: <ProjectionsPage /> },
          { path: 'portal', element: <PartnerDashboardPage /> },
          { path: '*', element: <h1>Page not found</h1> },
        ],
      },
    ],
  },
]);
