import { createBrowserRouter, type RouteObject } from 'react-router';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { LoadingPanel } from '../components/loading-panel.tsx';
import { sections, type SectionId } from '../lib/authorization.ts';
import { RequireSection, RequireSession } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { HomeRedirect } from './routes/home.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { RouteError } from './routes/route-error.tsx';
import { ForbiddenPage } from './routes/forbidden.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { useT } from '../i18n/use-t.ts';
import { loadSectionMessages } from '../i18n/i18n.ts';

function PageLoading() {
  const t = useT();
  return <LoadingPanel label={t('common.loading')} />;
}

/** Each section's page is its own chunk, loaded with its messages when first opened: the sign-in page stays small. */
function lazyPage(load: () => Promise<ComponentType>): ReactNode {
  const Page = lazy(async () => {
    const [page] = await Promise.all([load(), loadSectionMessages()]);
    return { default: page };
  });
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

const OccupancyPage = lazyPage(async () => (await import('./routes/occupancy.tsx')).OccupancyPage);
const DeskTablePage = lazyPage(async () => (await import('./routes/desks.tsx')).DeskTablePage);
const FloorMapPage = lazyPage(async () => (await import('./routes/desks.tsx')).FloorMapPage);
const SitesPage = lazyPage(async () => (await import('./routes/desks.tsx')).SitesPage);
const NeighbourhoodsPage = lazyPage(async () => (await import('./routes/desks.tsx')).NeighbourhoodsPage);
const ImportPage = lazyPage(async () => (await import('./routes/import.tsx')).ImportPage);
const InsightsPage = lazyPage(async () => (await import('./routes/insights.tsx')).InsightsPage);
const SettingsPage = lazyPage(async () => (await import('./routes/settings.tsx')).SettingsPage);
const AuditPage = lazyPage(async () => (await import('./routes/audit.tsx')).AuditPage);
const CheckinPage = lazyPage(async () => (await import('./routes/checkin.tsx')).CheckinPage);
const BookingsPage = lazyPage(async () => (await import('./routes/bookings.tsx')).BookingsPage);

const sectionPages: Record<SectionId, ReactNode> = {
  occupancy: OccupancyPage,
  desks: DeskTablePage,
  import: ImportPage,
  insights: InsightsPage,
  settings: SettingsPage,
  audit: AuditPage,
  checkin: CheckinPage,
  bookings: BookingsPage,
};

export const routes: RouteObject[] = [
  { path: '/signin', element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      // The App object's URL in myApps, opened as configured (`?name=…&lang=…` added); `.htm` if configured so.
      { path: 'myapps', element: <HomeRedirect /> },
      { path: 'myapps.htm', element: <HomeRedirect /> },
      ...(Object.keys(sectionPages) as SectionId[]).map((id) => ({
        path: sections[id].path.slice(1),
        element: <RequireSection section={id}>{sectionPages[id]}</RequireSection>,
      })),
      {
        path: 'desks/map',
        element: <RequireSection section="desks">{FloorMapPage}</RequireSection>,
      },
      {
        path: 'desks/sites',
        element: <RequireSection section="desks">{SitesPage}</RequireSection>,
      },
      {
        path: 'desks/neighbourhoods',
        element: <RequireSection section="desks">{NeighbourhoodsPage}</RequireSection>,
      },
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
