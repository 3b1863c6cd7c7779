import { allows } from '../../../contract/access.ts';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { isEmbedded } from '../../features/auth/api/myapps.ts';
import { useSession, useSignOut } from '../../features/auth/api/session.ts';
import { PbxStatus } from '../../features/health/components/pbx-status.tsx';
import { canOpen, sectionOrder, sections } from '../../lib/authorization.ts';
import { useLiveEvents } from '../../lib/live-events.ts';
import { useT } from '../../i18n/use-t.ts';
import { DisplayPreferences } from '../../components/display-preferences.tsx';
import { EmergencyAlerts } from '../../features/occupancy/components/emergency-alerts.tsx';

const roleLabels = {
  admin: 'role.admin',
  helpdesk: 'role.helpdesk',
  facility: 'role.facility',
  security: 'role.security',
  user: 'role.user',
} as const;

export function AppLayout() {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const t = useT();
  const user = session.data?.user;
  // Everyone listens: employees get settings changes (the check-in methods on offer), staff everything.
  const live = useLiveEvents(user !== undefined);
  if (!user) return null;
  const staffRoles = user.roles.filter((role) => role !== 'user');
  const visible = sectionOrder.filter((section) => canOpen(section, user.roles));
  const isStaff = allows(user.roles, 'staff.read');
  // myApps shows apps in narrow panes: a compact shell, and for employees no navigation at all.
  const embedded = isEmbedded();
  const shellClass = ['app-shell', embedded && 'app-shell-embedded', visible.length < 2 && 'app-shell-single']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={shellClass}>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Hotdesk</span>
        </div>
        <div className="header-right">
          {isStaff && (
            <span className={`status-pill live-${live}`} title={t('shell.liveHint')}>
              <span className="status-dot" aria-hidden="true" />
              {live === 'live'
                ? t('shell.live')
                : live === 'connecting'
                  ? t('shell.connecting')
                  : t('shell.reconnecting')}
            </span>
          )}
          {isStaff && <PbxStatus />}
          <div className="user-chip">
            <span className="user-name">{user.displayName}</span>
            <span className="user-roles">
              {(staffRoles.length > 0 ? staffRoles : user.roles).map((role) => t(roleLabels[role])).join(' · ')}
            </span>
          </div>
          <DisplayPreferences />
          <button
            type="button"
            className="button button-quiet"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/signin', { replace: true }) })}
          >
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label={t('shell.sections')}>
        <ul>
          {visible.map((id) => (
            <li key={id}>
              <NavLink to={sections[id].path} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                {t(sections[id].label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {allows(user.roles, 'emergency.alerts') && <EmergencyAlerts />}
        <Outlet />
      </main>
    </div>
  );
}
