import { NavLink, Outlet } from 'react-router-dom';
import { useLiveLog } from '../live/live-log';
import { useMay, useSession } from '../session/session';

const LIVE_LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** The frame of every signed-in page: navigation for what the caller may see, the live state, sign out. */
export function ConsoleLayout() {
  const { me, signOut } = useSession();
  const live = useLiveLog();
  const teammate = useMay('read');
  return (
    <div className="console">
      <header className="top-bar">
        <span className="brand">Partner program</span>
        <nav aria-label="Main">
          {teammate ? (
            <>
              <NavLink to="/partners">All Partners</NavLink>
              <NavLink to="/analytics/manager-performance">Analytics</NavLink>
              <NavLink to="/projections">Projections</NavLink>
            </>
          ) : (
            <NavLink to="/portal">Dashboard</NavLink>
          )}
        </nav>
        <span className="live" role="status" aria-label={`Updates: ${LIVE_LABEL[live.state]}`}>
          {LIVE_LABEL[live.state]}
        </span>
        <span className="who">{me === undefined ? '' : me.kind === 'teammate' ? `${me.teammateId} (${me.role})` : `partner ${me.partnerId}`}</span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
