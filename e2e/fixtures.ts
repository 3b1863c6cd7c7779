import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { languageOf, translator, type Translate } from './i18n.ts';

const SERVICE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** Whom a test acts as: the demo company's staff, or an employee (`user001` … `user300`). */
export type Person = 'admin' | 'helpdesk' | 'facility' | 'security' | `user${number}`;

type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

interface WorkerFixtures {
  /**
   * The signed-in browser state of `person`, made once per worker by one API sign-in; `renew` signs in
   * afresh (the service keeps at most ten sessions per person, so tests signing in often can end one).
   */
  signedIn: (person: Person, renew?: boolean) => Promise<StorageState>;
}

interface TestFixtures {
  /**
   * A page of its own browser context, already signed in as `person`, open at `path` with the console's
   * navigation on screen. Signing in through the form is the sign-in spec's job; everyone else starts here.
   */
  pageAs: (person: Person, path?: string, options?: BrowserContextOptions) => Promise<Page>;
  /** The console's words in the project's language (see i18n.ts): the suite runs in English and in German. */
  t: Translate;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  signedIn: [
    async ({ browser }, use) => {
      const states = new Map<Person, Promise<StorageState>>();
      const signIn = async (person: Person): Promise<StorageState> => {
        const context = await browser.newContext({ baseURL: SERVICE_URL });
        const answer = await context.request.post('/api/v1/session', { data: { username: person, password: 'demo' } });
        expect(answer.status(), `sign-in as ${person}`).toBe(200);
        const state = await context.storageState();
        await context.close();
        return state;
      };
      await use((person, renew = false) => {
        const known = states.get(person);
        if (known && !renew) return known;
        const made = signIn(person);
        states.set(person, made);
        return made;
      });
    },
    { scope: 'worker' },
  ],

  t: async ({ locale }, use) => {
    await use(translator(languageOf(locale)));
  },

  pageAs: async ({ browser, signedIn, colorScheme, locale }, use) => {
    const contexts: { close(): Promise<void> }[] = [];
    await use(async (person, path = '/', options = {}) => {
      // The project's colour scheme and language (the suite runs in light, dark and German), unless the test asks
      // for its own.
      const open = async (renew: boolean) =>
        browser.newContext({
          baseURL: SERVICE_URL,
          colorScheme,
          ...(locale === undefined ? {} : { locale }),
          ...options,
          storageState: await signedIn(person, renew),
        });
      let context = await open(false);
      if ((await context.request.get('/api/v1/session')).status() === 401) {
        await context.close();
        context = await open(true);
      }
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(path);
      // The console's navigation, in whatever language the browser asked for.
      await expect(page.locator('nav.app-nav')).toBeVisible();
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
