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
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  // The whole suite three times: in English and light, in English and dark (every axe check then checks the dark
  // theme's contrast too), and in German (every text a test looks for is then the German catalogue's, e2e/i18n.ts).
  // The German-and-dark walk sets its languages and themes itself.
  projects: [
    { name: 'light', use: { colorScheme: 'light', locale: 'en-US' } },
    { name: 'dark', use: { colorScheme: 'dark', locale: 'en-US' }, testIgnore: /german-dark\.spec\.ts$/ },
    { name: 'german', use: { colorScheme: 'light', locale: 'de-DE' }, testIgnore: /german-dark\.spec\.ts$/ },
  ],
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
