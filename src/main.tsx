import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { activateLocale, preferredLocale } from './i18n/i18n.ts';
import { startTheme } from './lib/theme.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// `npm run build:demo` only: the msw service worker serves the API before the console's first request.
// Other builds drop this branch (the mode is a constant), and with it msw and the demo data.
if (import.meta.env.MODE === 'demo') {
  const { startDemo } = await import('../mocks/demo/start.ts');
  await startDemo();
}

startTheme();
await activateLocale(preferredLocale());

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
