import { I18nProvider } from '@lingui/react';
import { i18n } from '@lingui/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadSectionMessages } from '../../i18n/i18n.ts';
import type { UtilisationRow } from '../../../contract/analytics.ts';
import { LeastUsedDesks, deskTotals } from './components/least-used.tsx';

const week = (desk: string, overrides: Partial<UtilisationRow>): UtilisationRow => ({
  groupId: desk,
  groupName: desk,
  start: '2026-11-02T00:00:00.000Z',
  end: '2026-11-09T00:00:00.000Z',
  desks: 1,
  officeHours: 50,
  occupiedHours: 0,
  outsideHours: 0,
  peakOccupied: 0,
  utilisation: 0,
  suppressed: false,
  createdAt: '2020-01-01T00:00:00.000Z',
  ...overrides,
});

describe('least-used desks', () => {
  it('marks a desk created during the period as new instead of never used, and measures against office hours', async () => {
    const rows = [
      week('Old', {}),
      week('New', { createdAt: '2026-11-05T09:00:00.000Z', officeHours: 20 }),
      week('Busy', { occupiedHours: 30, outsideHours: 5 }),
    ];
    expect(deskTotals(rows).map(({ name, utilisation, newSince }) => [name, utilisation, newSince])).toEqual([
      ['Old', 0, null],
      ['New', 0, '2026-11-05T09:00:00.000Z'],
      // 25 of its 50 office hours: the 5 evening hours do not count.
      ['Busy', 50, null],
    ]);
    await loadSectionMessages();
    render(
      <I18nProvider i18n={i18n}>
        <LeastUsedDesks rows={rows} />
      </I18nProvider>,
    );
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'New 0 desk-hours, new since Nov 5, 2026',
      'Old never used',
      'Busy 30 desk-hours',
    ]);
  });
});
