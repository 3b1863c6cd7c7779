import type { Page } from '@playwright/test';

/** Lazy locators for the sign-in page; the tests own every assertion. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  readonly userName = () => this.page.getByLabel('User name');
  readonly password = () => this.page.getByLabel('Password');
  readonly submit = () => this.page.getByRole('button', { name: 'Sign in' });
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
  constructor(private readonly page: Page) {}

  readonly nav = () => this.page.getByRole('navigation', { name: 'Sections' });
  readonly navLinks = () => this.nav().getByRole('link');
  readonly signOut = () => this.page.getByRole('button', { name: 'Sign out' });
  readonly heading = (name: string) => this.page.getByRole('heading', { level: 1, name });
}
