import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MOCK_FLOOR_ID } from '../../../mocks/handlers/desks.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

/** The start of a 1600 × 1000 PNG: all the service (and its mock) read of a plan to recognise it. */
function pngOf(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}
const planPng = pngOf(1600, 1000);

/** The floor editor over the mock API: facility opens the ground floor's map and uploads its plan. */
async function openEditor() {
  const { user } = await signInAt(`/desks/map?floor=${MOCK_FLOOR_ID}`, 'facility');
  await user.upload(
    await screen.findByLabelText('Upload a plan for Ground floor'),
    new File([planPng], 'plan.png', { type: 'image/png' }),
  );
  await screen.findByRole('application', { name: /Floor map of Ground floor/ });
  return user;
}

const desk = (name: string) => screen.getByRole('button', { name: new RegExp(`^Desk ${name}(,|:|$)`) });
const stored = (id: string) => mockApi.desks.desks.find((candidate) => candidate.id === id);

describe('the floor editor', () => {
  it('lists this floor’s desks without a place apart from the desks on no floor', async () => {
    const template = stored('desk-2');
    if (!template) throw new Error('no desk-2');
    mockApi.desks.desks.push({ ...template, id: 'desk-4', name: 'B1-0.04', mac: '009033000004', x: null, y: null });
    await openEditor();
    const here = screen.getByRole('heading', { name: 'On this floor, not placed yet' });
    const nowhere = screen.getByRole('heading', { name: 'Desks not on a floor' });
    expect(here.nextElementSibling).toHaveTextContent('B1-0.04');
    expect(here.nextElementSibling).not.toHaveTextContent('B1-0.10');
    expect(nowhere.nextElementSibling).toHaveTextContent('B1-0.10');
    expect(nowhere.nextElementSibling).not.toHaveTextContent('B1-0.04');
  });

  it('renames a floor, and deletes it after saying what becomes of its desks', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'Edit floor…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Floor Ground floor' });
    await user.clear(within(dialog).getByLabelText('Floor name'));
    await user.type(within(dialog).getByLabelText('Floor name'), 'Lobby');
    await user.click(within(dialog).getByRole('button', { name: 'Save floor' }));
    expect(await screen.findByRole('tab', { name: /Lobby/ })).toBeInTheDocument();
    expect(mockApi.desks.floors.find((floor) => floor.id === MOCK_FLOOR_ID)?.name).toBe('Lobby');

    await user.click(screen.getByRole('button', { name: 'Edit floor…' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Floor Lobby' })).getByRole('button', { name: 'Delete floor' }),
    );
    const confirm = await screen.findByRole('dialog', { name: 'Delete floor Lobby?' });
    expect(confirm).toHaveTextContent('Its 2 desks stay in the desk table, without a floor.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete floor' }));
    await waitFor(() => expect(mockApi.desks.floors.some((floor) => floor.id === MOCK_FLOOR_ID)).toBe(false));
    expect(stored('desk-1')?.floorId).toBeNull();
  });

  it('creates a row of desks from pasted MACs, named on from the floor’s pattern, and selects them', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'New desks in the middle…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New desks on this floor' });
    expect(within(dialog).getByLabelText('Name of the first desk')).toHaveValue('B1-0.03');
    await user.click(within(dialog).getByRole('button', { name: 'Create desk' }));
    expect(within(dialog).getByText('Paste at least one phone MAC.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Phone MACs'), '00:90:33:00:00:31{Enter}0090.3300.0032{Enter}oops');
    await user.click(within(dialog).getByRole('button', { name: 'Create 2 desks' }));
    expect(await within(dialog).findByText('Line 3: not a MAC.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Phone MACs'), '{Backspace>4/}009033000033');
    expect(within(dialog).getByRole('list')).toHaveTextContent(/B1-0\.03.*B1-0\.04.*B1-0\.05/);
    await user.click(within(dialog).getByRole('button', { name: 'Create 3 desks' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New desks on this floor' })).toBeNull());
    const made = mockApi.desks.desks.filter((candidate) => /^B1-0\.0[345]$/.test(candidate.name));
    expect(made.map((candidate) => [candidate.name, candidate.mac, candidate.floorId])).toEqual([
      ['B1-0.03', '009033000031', MOCK_FLOOR_ID],
      ['B1-0.04', '009033000032', MOCK_FLOOR_ID],
      ['B1-0.05', '009033000033', MOCK_FLOOR_ID],
    ]);
    // Side by side, left to right, from the middle of the view.
    expect(made.map((candidate) => candidate.y)).toEqual([made[0]?.y, made[0]?.y, made[0]?.y]);
    expect((made[1]?.x ?? 0) - (made[0]?.x ?? 0)).toBeGreaterThan(0.05);
    expect(await screen.findByRole('heading', { name: '3 desks selected' })).toBeInTheDocument();
    expect(desk('B1-0.05')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Saved')).toBeInTheDocument();
  });

  it('creates a row all or none: a refused desk is named, nothing is made, and the row stays to mend', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'New desks in the middle…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New desks on this floor' });
    // The second MAC is desk B1-0.10's phone already.
    await user.type(within(dialog).getByLabelText('Phone MACs'), '009033000041{Enter}0090330000ab{Enter}009033000043');
    await user.click(within(dialog).getByRole('button', { name: 'Create 3 desks' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^B1-0\.04 was not created: /);
    expect(within(dialog).getByLabelText('Phone MACs')).toHaveValue('009033000041\n0090330000ab\n009033000043');
    expect(mockApi.desks.desks.filter((candidate) => candidate.name === 'B1-0.03')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Phone MACs'));
    await user.type(within(dialog).getByLabelText('Phone MACs'), '009033000041{Enter}009033000042{Enter}009033000043');
    await user.click(within(dialog).getByRole('button', { name: 'Create 3 desks' }));
    expect(await screen.findByRole('heading', { name: '3 desks selected' })).toBeInTheDocument();
    expect(mockApi.desks.desks.map((candidate) => candidate.name)).toEqual(
      expect.arrayContaining(['B1-0.03', 'B1-0.04', 'B1-0.05']),
    );
  });

  it('leaves nothing behind when the row is given up after a refusal', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'New desks in the middle…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New desks on this floor' });
    await user.type(within(dialog).getByLabelText('Phone MACs'), '009033000051{Enter}0090330000ab');
    await user.click(within(dialog).getByRole('button', { name: 'Create 2 desks' }));
    await within(dialog).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'New desks on this floor' })).not.toBeInTheDocument();
    expect(mockApi.desks.desks.some((candidate) => candidate.mac === '009033000051')).toBe(false);
  });

  it('stores an uploaded plan, checked by its content', async () => {
    await openEditor();
    expect(mockApi.desks.floors[0]?.plan).toMatchObject({ mime: 'image/png', size: planPng.byteLength });
  });

  it('places a desk by keyboard, nudges another, and saves exactly those two', async () => {
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'Place B1-0.10 in the middle of the view' }));
    await waitFor(() => expect(desk('B1-0.10')).toHaveFocus());
    await user.click(desk('B1-0.01'));
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(screen.getByText('2 unsaved')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save floor' }));
    await waitFor(() => expect(screen.getByText('Saved')).toBeInTheDocument());
    const placed = stored('desk-3');
    expect(placed).toMatchObject({ floorId: MOCK_FLOOR_ID, version: 2 });
    expect(placed?.x).toEqual(expect.any(Number));
    const nudged = stored('desk-1');
    expect(nudged).toMatchObject({ y: 0.3, version: 2 });
    expect(nudged?.x).toBeGreaterThan(0.2);
    // The desk nobody touched is as it was.
    expect(stored('desk-2')).toMatchObject({ x: 0.4, y: 0.3, version: 1 });
  });

  it('undoes and redoes, and has nothing to save after undoing everything', async () => {
    const user = await openEditor();
    await user.click(desk('B1-0.01'));
    await user.keyboard('r');
    expect(screen.getByText('1 unsaved')).toBeInTheDocument();
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByText('Saved')).toBeInTheDocument();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(screen.getByText('1 unsaved')).toBeInTheDocument();
    expect(desk('B1-0.01')).toHaveAttribute('transform', expect.stringMatching(/rotate\(90\)/));
  });

  it('shows what someone else changed meanwhile, and saves the choice', async () => {
    const user = await openEditor();
    await user.click(desk('B1-0.02'));
    await user.keyboard('{ArrowDown}');
    // Someone else moves the same desk before this save.
    const other = stored('desk-2');
    if (other) Object.assign(other, { x: 0.9, version: other.version + 1 });
    await user.click(screen.getByRole('button', { name: 'Save floor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this floor' });
    expect(within(dialog).getByRole('row', { name: /Desk B1-0.02/ })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Apply choices and save' }));
    await waitFor(() => expect(screen.getByText('Saved')).toBeInTheDocument());
    expect(stored('desk-2')).toMatchObject({ version: 3 });
    expect(stored('desk-2')?.y).toBeGreaterThan(0.3);
  });

  it('asks before leaving unsaved changes', async () => {
    const user = await openEditor();
    await user.click(desk('B1-0.01'));
    await user.keyboard('{ArrowLeft}');
    await user.click(screen.getByRole('link', { name: 'Desk table' }));
    const ask = screen.getByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('application', { name: /Floor map of Ground floor/ })).toBeInTheDocument();
    expect(stored('desk-1')).toMatchObject({ version: 1 });
  });
});

describe('the live map', () => {
  it('finds a person whatever the accents, case and word order, rings their desk, and opens it with Enter', async () => {
    const floor = mockApi.desks.floors.find((candidate) => candidate.id === MOCK_FLOOR_ID);
    if (!floor) throw new Error('no mock floor');
    floor.plan = {
      mime: 'image/png',
      width: 1600,
      height: 1000,
      size: planPng.byteLength,
      updatedAt: '2026-11-23T08:00:00Z',
    };
    mockApi.desks.plans.set(MOCK_FLOOR_ID, { bytes: planPng, mime: 'image/png' });
    const walkIn = mockApi.desks.desks.find((candidate) => candidate.name === 'B1-0.01');
    if (walkIn) walkIn.bookable = false;
    // The mock's helpdesk user, Jonas Becker, sits at B1-0.01.
    const { user } = await signInAt(`/desks/map?floor=${MOCK_FLOOR_ID}`, 'helpdesk');
    const search = await screen.findByLabelText('Find', {}, { timeout: 5000 });
    await user.type(search, 'BÉCKER jonas');
    expect(screen.getByText('1 desk found')).toHaveAttribute('role', 'status');
    expect(desk('B1-0.01')).toHaveClass('found');
    expect(desk('B1-0.02')).not.toHaveClass('found');
    await user.keyboard('{Enter}');
    const details = screen.getByRole('complementary', { name: 'Desk details' });
    expect(within(details).getByRole('heading', { name: 'Desk B1-0.01' })).toBeInTheDocument();
    expect(details).toHaveTextContent('Jonas Becker');
    // A walk-in desk says so (nobody books it ahead).
    expect(details).toHaveTextContent('walk-in only, not booked ahead');

    await user.clear(search);
    await user.type(search, 'nobody here');
    expect(screen.getByText('No desk found')).toBeInTheDocument();
  });

  it('finds a person on another floor, goes there and opens their desk; the board links each desk to the map', async () => {
    const plan = {
      mime: 'image/png' as const,
      width: 1600,
      height: 1000,
      size: planPng.byteLength,
      updatedAt: '2026-11-23T08:00:00Z',
    };
    const ground = mockApi.desks.floors.find((candidate) => candidate.id === MOCK_FLOOR_ID);
    if (!ground) throw new Error('no mock floor');
    ground.plan = plan;
    mockApi.desks.floors.push({ ...ground, id: 'floor-2', name: 'Second floor', sortOrder: 1, plan });
    mockApi.desks.plans.set(MOCK_FLOOR_ID, { bytes: planPng, mime: 'image/png' });
    mockApi.desks.plans.set('floor-2', { bytes: planPng, mime: 'image/png' });
    const upstairs = mockApi.desks.desks.find((candidate) => candidate.id === 'desk-2');
    if (!upstairs) throw new Error('no desk-2');
    upstairs.floorId = 'floor-2';
    mockApi.occupancy.occupants.set('desk-2', { name: 'user001', since: '2026-11-22T08:00:00.000Z', method: 'desk' });

    const { user, router } = await signInAt(`/desks/map?floor=${MOCK_FLOOR_ID}`, 'helpdesk');
    const account = mockApi.state.accounts.find((candidate) => candidate.name === 'user001');
    const search = await screen.findByLabelText('Find', {}, { timeout: 5000 });
    await user.type(search, account?.displayName ?? 'user001');
    expect(await screen.findByText(/No desk found · 1 on another floor/)).toBeInTheDocument();
    const hits = screen.getByRole('list', { name: 'On other floors' });
    await user.click(within(hits).getByRole('button', { name: /B1-0\.02 \(Second floor\): show/ }));
    expect(router.state.location.search).toContain('floor=floor-2');
    const details = await screen.findByRole('complementary', { name: 'Desk details' });
    expect(within(details).getByRole('heading', { name: 'Desk B1-0.02' })).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Occupancy' }));
    const board = await screen.findByRole('table', { name: 'Occupancy' });
    await user.click(within(board).getByRole('link', { name: 'B1-0.01' }));
    expect(await screen.findByRole('heading', { name: 'Desk B1-0.01' })).toBeInTheDocument();
    expect(router.state.location.search).toContain(`floor=${MOCK_FLOOR_ID}`);
  });
});
