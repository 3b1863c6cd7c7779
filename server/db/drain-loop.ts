import { errorField, log } from '../lib/log.ts';

/**
 * Runs `round` now and every `intervalMs`, one round at a time: asked again while a round is under way, it runs
 * once more after it. `stop` waits for the round under way (an outbox's try is finished and written down).
 */
export class DrainLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly failure: string,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.soon(), intervalMs);
    this.timer.unref();
    this.soon();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  soon(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .then(() => undefined)
      .catch((error: unknown) => log.warn({ error: errorField(error) }, this.failure))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.soon();
        }
      });
  }
}
