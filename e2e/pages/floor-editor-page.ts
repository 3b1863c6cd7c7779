import type { Locator, Page } from '@playwright/test';
import { escapeRegExp, type Translate } from '../i18n.ts';

export class FloorEditorPage {
  constructor(
    private readonly page: Page,
    private readonly t: Translate,
  ) {}

  readonly canvas = () => this.page.getByRole('application', { name: this.t.matching('editor.mapLabel') });
  readonly planFrame = () => this.page.locator('.plan-frame');
  /** A desk on the plan: "Desk B1-0.01", "Desk B1-0.01, selected" or "Desk B1-0.01: Occupied, …". */
  readonly desk = (name: string) =>
    this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(this.t('live.desk', { desk: name }))}(,|:|$)`) });
  readonly placeButton = (name: string) =>
    this.page.getByRole('button', { name: this.t('Place {desk} by clicking the plan', { desk: name }) });
  readonly toCentreButton = (name: string) =>
    this.page.getByRole('button', { name: this.t('Place {desk} in the middle of the view', { desk: name }) });
  readonly saveButton = () => this.page.getByRole('button', { name: this.t('toolbar.save') });
  readonly status = () => this.page.locator('.change-count');

  async goto(floorId: string): Promise<void> {
    await this.page.goto(`/desks/map?floor=${floorId}`);
  }

  /**
   * Screen position of a point on the plan given relative to it (0..1), scrolled into view first as a person
   * would: with many floors (their tabs wrap) or German labels (the toolbar wraps) the plan starts lower.
   */
  async at(x: number, y: number): Promise<{ x: number; y: number }> {
    await this.planFrame().scrollIntoViewIfNeeded();
    const point = async () => {
      const box = await this.planFrame().boundingBox();
      if (!box) throw new Error('no plan on screen');
      return { x: box.x + x * box.width, y: box.y + y * box.height };
    };
    const first = await point();
    const height = this.page.viewportSize()?.height ?? 720;
    if (first.y < 40 || first.y > height - 40) {
      await this.page.evaluate((by) => window.scrollBy(0, by), first.y - height / 2);
      return point();
    }
    return first;
  }

  async clickPlan(x: number, y: number): Promise<void> {
    const point = await this.at(x, y);
    await this.page.mouse.click(point.x, point.y);
  }

  async drag(desk: Locator, toX: number, toY: number): Promise<void> {
    const target = await this.at(toX, toY);
    const box = await desk.boundingBox();
    if (!box) throw new Error('desk not on screen');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x, target.y, { steps: 8 });
    await this.page.mouse.up();
  }
}
