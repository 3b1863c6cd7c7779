import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

/** The import wizard over the mock API, which plans with the service's own planner (contract/). */
async function openImport(name = 'facility') {
  return (await signInAt('/import', name)).user;
}

const csv = (text: string, name = 'desks.csv') => new File([text], name, { type: 'text/csv' });

describe('the import wizard', () => {
  it('reviews the file, shows what a merge changes, and applies it', async () => {
    const user = await openImport();
    await user.upload(
      await screen.findByLabelText('Choose a desk file'),
      csv('hw_id,name,computername\n00:90:33:77:00:01,New desk,PC-NEW\n009033000002,B1-0.02 renamed,\n'),
    );
    expect(await screen.findByRole('heading', { name: /desks.csv: 2 rows, UTF-8, comma-separated/ })).toBeVisible();
    await user.click(screen.getByLabelText(/Merge:/));
    await user.click(screen.getByRole('button', { name: 'Check against the desk table' }));
    const summary = await screen.findByRole('list', { name: 'Summary' });
    expect(summary).toHaveTextContent('1 added');
    expect(summary).toHaveTextContent('1 changed');
    expect(mockApi.desks.desks).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Apply import' }));
    expect(await screen.findByText(/1 desk added, 1 changed, 0 removed/)).toBeInTheDocument();
    expect(mockApi.desks.desks.map((desk) => desk.name).sort()).toEqual([
      'B1-0.01',
      'B1-0.02 renamed',
      'B1-0.10',
      'New desk',
    ]);
  });

  it('reads an export Excel rounded as unchanged, and names the one field that did change', async () => {
    const user = await openImport();
    // B1-0.01 at x 0.2, a digit off in the 15th place (as Excel rounds), B1-0.02 moved to y 0.35.
    await user.upload(
      await screen.findByLabelText('Choose a desk file'),
      csv(
        'hw_id;name;computername;x;y\n009033000001;B1-0.01;PC-B1-0-001;0,200000000000001;0,3\n009033000002;B1-0.02;;0,4;0,35\n',
      ),
    );
    await user.click(await screen.findByLabelText(/Merge:/));
    await user.click(screen.getByRole('button', { name: 'Check against the desk table' }));
    const summary = await screen.findByRole('list', { name: 'Summary' });
    expect(summary).toHaveTextContent('1 changed');
    expect(summary).toHaveTextContent('1 unchanged');
    const moved = screen.getByRole('row', { name: /changed.*B1-0\.02: y/ });
    expect(moved).toHaveTextContent('B1-0.02: y 0.3');
    expect(moved).toHaveTextContent('B1-0.02: y 0.35');
    expect(moved).not.toHaveTextContent('x 0.4');
  });

  it('lists every problem of a broken file with its row, and offers no import', async () => {
    const user = await openImport();
    await user.upload(
      await screen.findByLabelText('Choose a desk file'),
      csv('hw_id,name,computername\nnot-a-mac,Desk A,\n00:90:33:77:00:02,,BAD/NAME\n'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/problems? found/);
    const problems = screen.getByRole('table', { name: 'Problems in the file' });
    const rows = within(problems).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['2', '3', '3']);
    expect(screen.queryByRole('button', { name: 'Check against the desk table' })).not.toBeInTheDocument();
    expect(mockApi.desks.desks).toHaveLength(3);
  });

  it('asks who sits at a desk a replace removes before applying', async () => {
    const user = await openImport('admin');
    // desk-1 (B1-0.01) is occupied in the mock; this file keeps only B1-0.02.
    await user.upload(await screen.findByLabelText('Choose a desk file'), csv('hw_id,name\n009033000002,B1-0.02\n'));
    await screen.findByRole('heading', { name: /desks.csv: 1 row/ });
    await user.click(screen.getByLabelText(/Replace:/));
    await user.click(screen.getByRole('button', { name: 'Check against the desk table' }));
    const summary = await screen.findByRole('list', { name: 'Summary' });
    expect(summary).toHaveTextContent('2 removed');
    expect(screen.getByText(/Jonas Becker/)).toBeInTheDocument();
    await waitFor(() => expect(mockApi.desks.desks).toHaveLength(3));
  });

  it('lists every change of a large dry run, virtualised, and filters them by kind and text', async () => {
    const user = await openImport();
    const rows = Array.from(
      { length: 1500 },
      (_, index) => `0090337${index.toString(16).padStart(5, '0')},Hall ${index + 1},`,
    );
    await user.upload(
      await screen.findByLabelText('Choose a desk file'),
      csv(`hw_id,name,computername\n009033000002,B1-0.02 renamed,\n${rows.join('\n')}\n`),
    );
    await screen.findByRole('heading', { name: /desks.csv: 1,501 rows/ });
    await user.click(screen.getByLabelText(/Merge:/));
    await user.click(screen.getByRole('button', { name: 'Check against the desk table' }));
    const changes = await screen.findByRole('table', { name: 'What the import changes' });
    expect(screen.getByText('1,501 of 1,501 changes')).toHaveAttribute('role', 'status');
    expect(changes).toHaveAttribute('aria-rowcount', '1502');
    // Only the rows in view are in the page.
    expect(within(changes).getAllByRole('row').length).toBeLessThan(60);

    await user.selectOptions(screen.getByLabelText('Show'), 'changed');
    expect(screen.getByText('1 of 1,501 changes')).toBeInTheDocument();
    expect(within(changes).getAllByRole('row')[1]).toHaveTextContent('B1-0.02 renamed');
    await user.selectOptions(screen.getByLabelText('Show'), 'All changes');
    await user.type(screen.getByLabelText('Search'), 'hall 1500');
    await waitFor(() => expect(screen.getByText('1 of 1,501 changes')).toBeInTheDocument());
    expect(within(changes).getAllByRole('row')[1]).toHaveTextContent('00:90:33:70:05:db');
  });
});
