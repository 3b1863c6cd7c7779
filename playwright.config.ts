import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.ts';

/** Ports of their own, so e2e runs beside a developer's `npm start`. */
export const E2E_PORT = 4180;
export const E2E_SIM_PORT = 4190;
export const E2E_ADMIN_PASSWORD = 'e2e-break-glass-password';
/** The browser-only demo (dist-demo), from a static server: no service behind it. */
export const E2E_DEMO_PORT = 4200;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  // Waits are for conditions; these bounds only end a test that is stuck, also on a busy machine (speed is
  // measured by `npm run bench`, never here).
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  // The suite once, in English and light. Languages and themes are covered where that is cheap: a unit test proves
  // the German catalogue has every string (src/i18n/catalogs.test.ts), german-dark.spec.ts walks every screen in
  // German and dark and in English and light with axe in both themes, and runs the flows where German changes
  // behaviour (dates, times typed, CSV separators, long words in layouts) in German.
  projects: [{ name: 'light', use: { colorScheme: 'light', locale: 'en-US' } }],
  webServer: [
    {
      command: 'npx tsx e2e/serve.ts',
      url: `http://127.0.0.1:${E2E_PORT}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(E2E_PORT),
        HOST: '127.0.0.1',
        PBX_SIM_PORT: String(E2E_SIM_PORT),
        HOTDESK_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      },
    },
    {
      command: `npx tsx e2e/serve-static.ts dist-demo ${E2E_DEMO_PORT}`,
      url: `http://127.0.0.1:${E2E_DEMO_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
