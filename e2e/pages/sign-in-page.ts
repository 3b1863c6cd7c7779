import type { Page } from '@playwright/test';
import type { Translate } from '../i18n.ts';

/** Lazy locators for the sign-in page; the tests own every assertion. */
export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly t: Translate,
  ) {}

  readonly userName = () => this.page.getByLabel(this.t('User name'));
  readonly password = () => this.page.getByLabel(this.t('Password'));
  readonly submit = () => this.page.getByRole('button', { name: this.t('Sign in') });
  readonly alert = () => this.page.getByRole('alert');

  async goto(): Promise<void> {
    await this.page.goto('/signin');
  }

  async signIn(userName: string, password: string): Promise<void> {
    await this.userName().fill(userName);
    await this.password().fill(password);
    await this.submit().click();
  }
}

export class ConsoleShell {
  constructor(
    private readonly page: Page,
    private readonly t: Translate,
  ) {}

  readonly nav = () => this.page.getByRole('navigation', { name: this.t('Sections') });
  readonly navLinks = () => this.nav().getByRole('link');
  /** Exact: in German "Abmelden" is also part of leaving the desk ("Vom Arbeitsplatz abmelden"). */
  readonly signOut = () => this.page.getByRole('button', { name: this.t('Sign out'), exact: true });
  /** The page heading of a section, named in English (e.g. "Audit"). */
  readonly heading = (name: string) => this.page.getByRole('heading', { level: 1, name: this.t(name) });
}
