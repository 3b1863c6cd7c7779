import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLiveEvents } from './live-events.ts';
import {
  deskKeys,
  floorKeys,
  healthKeys,
  meKeys,
  occupancyKeys,
  settingsKeys,
  siteKeys,
  zoneKeys,
} from './query-keys.ts';

/** An EventSource the test drives: it announces `ready`, sends changes, and fails as a browser's does. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private listeners = new Map<string, ((message: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = 2;
  }
  emit(type: string, data: unknown = {}) {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
  /** A dropped connection (`reconnecting: true`, EventSource retries itself) or an HTTP error (closed for good). */
  fail(closedForGood: boolean) {
    this.readyState = closedForGood ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

/** Every query the console keeps, with data, so that invalidation shows as `isInvalidated`. */
const seededKeys = {
  deskTable: deskKeys.list(),
  floorDesks: deskKeys.list({ floorId: 'f1' }),
  floors: floorKeys.list(),
  zonesF1: zoneKeys.list({ floorId: 'f1' }),
  zonesF2: zoneKeys.list({ floorId: 'f2' }),
  allZones: zoneKeys.list(),
  board: occupancyKeys.board(),
  myDesk: meKeys.desk(),
  myTokens: meKeys.tokens(),
  sites: siteKeys.list(),
  withoutLocation: siteKeys.withoutLocation(),
  pbxLocations: siteKeys.pbxLocations(),
  settings: settingsKeys.current(),
  health: healthKeys.all,
};
type Seeded = keyof typeof seededKeys;

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const key of Object.values(seededKeys)) client.setQueryData(key, 'cached');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(() => useLiveEvents(true), { wrapper });
  const invalidated = () =>
    (Object.keys(seededKeys) as Seeded[])
      .filter((name) => client.getQueryState(seededKeys[name])?.isInvalidated)
      .sort();
  return { hook, invalidated };
}

describe('live events', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it.each<[string, unknown, Seeded[]]>([
    ['a check-in', { type: 'occupancy', deskIds: ['d1'] }, ['board', 'myDesk']],
    ['a zone drawn on one floor', { type: 'zones', floorId: 'f1' }, ['allZones', 'zonesF1']],
    ['a desk edit', { type: 'desks', ids: ['d1'] }, ['board', 'deskTable', 'floorDesks', 'myDesk', 'withoutLocation']],
    ['a floor edit', { type: 'floors', ids: ['f1'] }, ['floors', 'myDesk', 'withoutLocation']],
    ['a site edit', { type: 'sites', ids: ['s1'] }, ['sites', 'withoutLocation']],
    ['a settings change', { type: 'settings' }, ['myDesk', 'settings']],
    ['the PBX connection lost or back', { type: 'pbx' }, ['board', 'health', 'myDesk']],
  ])('%s refetches exactly what it changes', (_name, event, expected) => {
    const { invalidated } = setup();
    const [source] = FakeEventSource.opened;
    act(() => {
      source?.emit('ready');
      source?.emit('change', event);
    });
    expect(invalidated()).toEqual([...expected].sort());
  });

  it('ignores a change it does not understand', () => {
    const { invalidated } = setup();
    act(() => FakeEventSource.opened[0]?.emit('change', { type: 'weather', ids: [] }));
    expect(invalidated()).toEqual([]);
  });

  it('opens a new stream after the old one closed for good, and refetches everything live', () => {
    const { hook, invalidated } = setup();
    const first = FakeEventSource.opened[0];
    act(() => first?.emit('ready'));
    expect(hook.result.current).toBe('live');

    act(() => first?.fail(true));
    expect(hook.result.current).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(999));
    expect(FakeEventSource.opened).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.opened).toHaveLength(2);

    // The service still answers with an error: the next try waits twice as long.
    act(() => FakeEventSource.opened[1]?.fail(true));
    act(() => vi.advanceTimersByTime(1999));
    expect(FakeEventSource.opened).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.opened).toHaveLength(3);

    act(() => FakeEventSource.opened[2]?.emit('ready'));
    expect(hook.result.current).toBe('live');
    expect(invalidated()).toEqual((Object.keys(seededKeys) as Seeded[]).sort());
  });

  it('leaves a dropped connection to EventSource, which reconnects by itself', () => {
    const { hook } = setup();
    act(() => FakeEventSource.opened[0]?.emit('ready'));
    act(() => FakeEventSource.opened[0]?.fail(false));
    act(() => vi.advanceTimersByTime(60_000));
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(hook.result.current).toBe('reconnecting');
  });

  it('stops reopening when the console signs out', () => {
    const { hook } = setup();
    act(() => FakeEventSource.opened[0]?.fail(true));
    hook.unmount();
    act(() => vi.advanceTimersByTime(60_000));
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
