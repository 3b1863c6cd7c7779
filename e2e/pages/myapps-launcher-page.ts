import type { FrameLocator, Page } from '@playwright/test';
import { E2E_SIM_PORT } from '../../playwright.config.ts';

/** The simulator's myApps launcher: sign in to the PBX, open an app in its frame. */
export class MyAppsLauncher {
  constructor(private readonly page: Page) {}

  readonly userName = () => this.page.getByLabel('User name');
  readonly password = () => this.page.getByLabel('Password');
  readonly app = (title: string) =>
    this.page.getByRole('navigation', { name: 'Apps' }).getByRole('button', { name: title });
  /** The app pane: what the app shows inside myApps. */
  readonly pane = (): FrameLocator => this.page.frameLocator('#app-frame');

  async goto(): Promise<void> {
    await this.page.goto(`http://127.0.0.1:${E2E_SIM_PORT}/myapps/`);
  }

  async signIn(userName: string, password: string): Promise<void> {
    await this.userName().fill(userName);
    await this.password().fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
