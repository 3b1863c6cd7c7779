import { createBrowserRouter, type RouteObject } from 'react-router';
import type { ReactNode } from 'react';
import { sections, type SectionId } from '../lib/authorization.ts';
import { RequireSection, RequireSession } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { HomeRedirect } from './routes/home.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { RouteError } from './routes/route-error.tsx';
import { ForbiddenPage } from './routes/forbidden.tsx';
import { DeskTablePage, FloorMapPage } from './routes/desks.tsx';
import { AuditPage, CheckinPage, ImportPage, OccupancyPage, SettingsPage } from './routes/sections.tsx';
import { SignInPage } from './routes/sign-in.tsx';

const sectionPages: Record<SectionId, ReactNode> = {
  occupancy: <OccupancyPage />,
  desks: <DeskTablePage />,
  import: <ImportPage />,
  settings: <SettingsPage />,
  audit: <AuditPage />,
  checkin: <CheckinPage />,
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
      ...(Object.keys(sectionPages) as SectionId[]).map((id) => ({
        path: sections[id].path.slice(1),
        element: <RequireSection section={id}>{sectionPages[id]}</RequireSection>,
      })),
      {
        path: 'desks/map',
        element: (
          <RequireSection section="desks">
            <FloorMapPage />
          </RequireSection>
        ),
      },
      { path: 'forbidden', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
