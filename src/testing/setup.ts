import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { activateLocale, loadSectionMessages } from '../i18n/i18n.ts';
import { mockApi } from './mock-api.ts';

// findBy… and waitFor wait for a condition; on a busy machine the console may take longer than a second to get
// there, which is no failure (speed is measured by `npm run bench`, not here).
configure({ asyncUtilTimeout: 10_000 });

beforeAll(() => mockApi.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  mockApi.reset();
  sessionStorage.clear();
  localStorage.clear();
});
afterAll(() => mockApi.server.close());

// jsdom has <dialog> but not its modal methods.
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

// jsdom lays nothing out: give virtualised scroll boxes the size a browser would, so rows render.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('grid-scroll') ? 600 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('grid-scroll') ? 1000 : 0;
  },
});

// jsdom has pointer events but not pointer capture (the floor editor captures a drag's pointer).
if (typeof Element.prototype.setPointerCapture !== 'function') {
  Element.prototype.setPointerCapture = () => undefined;
  Element.prototype.releasePointerCapture = () => undefined;
  Element.prototype.hasPointerCapture = () => false;
}

// jsdom's Blob (and File) cannot give its bytes as a promise; the import reads a file that way.
if (typeof Blob.prototype.arrayBuffer !== 'function') {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
      reader.readAsArrayBuffer(this);
    });
  };
}

// jsdom has no media queries and no canvas: the chart library asks for both.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// A canvas that draws nothing: charts render their structure and legends, tests read the table views.
function drawNothing(): CanvasRenderingContext2D {
  return new Proxy(
    {},
    {
      get: (_target, property) => (property === 'measureText' ? () => ({ width: 0 }) : () => undefined),
      set: () => true,
    },
  ) as CanvasRenderingContext2D;
}
HTMLCanvasElement.prototype.getContext = drawNothing as unknown as typeof HTMLCanvasElement.prototype.getContext;
function pathOfNothing(): Path2D {
  return new Proxy({}, { get: () => () => undefined }) as Path2D;
}
if (typeof globalThis.Path2D !== 'function') globalThis.Path2D = pathOfNothing as unknown as typeof Path2D;

// jsdom lays nothing out, so nothing ever resizes.
if (typeof globalThis.ResizeObserver !== 'function') {
  globalThis.ResizeObserver = class {
    observe = () => undefined;
    unobserve = () => undefined;
    disconnect = () => undefined;
  };
}

// The console speaks English in tests unless a test switches the language. Tests render sections' components
// without the router, which would load their messages: load them all.
await loadSectionMessages();
await activateLocale('en');
