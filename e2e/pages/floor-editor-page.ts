import type { Locator, Page } from '@playwright/test';

export class FloorEditorPage {
  constructor(private readonly page: Page) {}

  readonly canvas = () => this.page.getByRole('application', { name: /Floor map of/ });
  readonly planFrame = () => this.page.locator('.plan-frame');
  readonly desk = (name: string) => this.page.getByRole('button', { name: new RegExp(`^Desk ${name}(,|:|$)`) });
  readonly placeButton = (name: string) =>
    this.page.getByRole('button', { name: `Place ${name} by clicking the plan` });
  readonly toCentreButton = (name: string) =>
    this.page.getByRole('button', { name: `Place ${name} in the middle of the view` });
  readonly saveButton = () => this.page.getByRole('button', { name: 'Save floor' });
  readonly status = () => this.page.locator('.change-count');

  async goto(floorId: string): Promise<void> {
    await this.page.goto(`/desks/map?floor=${floorId}`);
  }

  /** Screen position of a point on the plan given relative to it (0..1). */
  async at(x: number, y: number): Promise<{ x: number; y: number }> {
    const box = await this.planFrame().boundingBox();
    if (!box) throw new Error('no plan on screen');
    return { x: box.x + x * box.width, y: box.y + y * box.height };
  }

  async clickPlan(x: number, y: number): Promise<void> {
    const point = await this.at(x, y);
    await this.page.mouse.click(point.x, point.y);
  }

  async drag(desk: Locator, toX: number, toY: number): Promise<void> {
    const box = await desk.boundingBox();
    if (!box) throw new Error('desk not on screen');
    const target = await this.at(toX, toY);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x, target.y, { steps: 8 });
    await this.page.mouse.up();
  }
}
