import { setupWorker } from 'msw/browser';
import { createHandlers } from '../handlers/index.ts';
import { demoCompany } from '../../sim/demo-company.ts';
import { drawFloorPlan, PLAN_HEIGHT, PLAN_WIDTH } from '../../sim/floor-plan-pixels.ts';
import { createDemoState } from './demo-state.ts';
import './demo.css';

/**
 * The browser-only demo (`npm run build:demo`): the msw service worker answers the whole API from an
 * in-memory copy of the demo company, so the console runs as static files with no service. Everything
 * else is the production console; the state lives in this tab and a reload starts over.
 */
export async function startDemo(): Promise<void> {
  const company = demoCompany();
  const plans = await Promise.all(company.floors.map((_, index) => paintPlan(index)));
  const state = createDemoState(company, plans);
  const worker = setupWorker(...createHandlers(state.api, '', state.tables, state.occupancy));
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  document.body.prepend(demoBanner());
}

/** The demo company's floor plan `variant` as PNG bytes, painted on a canvas. */
async function paintPlan(variant: number): Promise<Uint8Array> {
  const rgb = drawFloorPlan(variant);
  const rgba = new Uint8ClampedArray(PLAN_WIDTH * PLAN_HEIGHT * 4);
  for (let pixel = 0; pixel < PLAN_WIDTH * PLAN_HEIGHT; pixel += 1) {
    rgba[pixel * 4] = rgb[pixel * 3] ?? 255;
    rgba[pixel * 4 + 1] = rgb[pixel * 3 + 1] ?? 255;
    rgba[pixel * 4 + 2] = rgb[pixel * 3 + 2] ?? 255;
    rgba[pixel * 4 + 3] = 255;
  }
  const canvas = new OffscreenCanvas(PLAN_WIDTH, PLAN_HEIGHT);
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, PLAN_WIDTH, PLAN_HEIGHT), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

function demoBanner(): HTMLElement {
  const banner = document.createElement('aside');
  banner.className = 'demo-banner';
  banner.setAttribute('aria-label', 'Demo');
  banner.textContent =
    'Demo: no service, no PBX — everything runs in this tab and a reload starts over. Sign in as admin, helpdesk, facility or user001, password demo.';
  return banner;
}
