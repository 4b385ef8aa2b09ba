import { Navigate, Outlet, createBrowserRouter, type LoaderFunctionArgs } from 'react-router-dom';
import { queryClient, tabSession } from './api/console-client';
import { meQuery, partnersPageQuery, teammatesQuery } from './api/shared-queries';
import { ConsoleLayout } from './layout/console-layout';
import { LiveLogProvider } from './live/live-log';
import { AllPartnersPage } from './pages/all-partners/all-partners.page';
import { filterFromSearch } from './pages/all-partners/partners-query';
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

/**
 * Loaders start a page's first reads when the router matches it, before React renders the page
 * (render-as-you-fetch): the answers come back while the console's code still builds the screen.
 * They do not wait for the answers, so navigation never blocks on them; the pages' queries find
 * the requests already in the cache (same query options, shared-queries.ts).
 */
function prefetchWho(): null {
  if (tabSession.key() !== null) void queryClient.prefetchQuery(meQuery(true));
  return null;
}

function prefetchAllPartners({ request }: LoaderFunctionArgs): null {
  if (tabSession.key() === null) return null;
  // The first page of the URL's filter, before the live log has seen an event.
  void queryClient.prefetchQuery(partnersPageQuery(filterFromSearch(new URL(request.url).searchParams), undefined));
  void queryClient.prefetchQuery(teammatesQuery());
  return null;
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    loader: prefetchWho,
    children: [
      {
        element: <ConsoleLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'partners', element: <AllPartnersPage />, loader: prefetchAllPartners },
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
