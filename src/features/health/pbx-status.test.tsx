import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

afterEach(() => vi.useRealTimers());

describe('the status pill', () => {
  it('says the service is unreachable within seconds, instead of the last word about the PBX', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await signInAt('/occupancy', 'helpdesk', userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) }));
    expect(await screen.findByText('PBX connected')).toBeInTheDocument();

    mockApi.server.use(http.get('/api/v1/health', () => HttpResponse.error()));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await screen.findByText('Hotdesk service unreachable')).toBeInTheDocument();
    expect(screen.queryByText('PBX connected')).not.toBeInTheDocument();
  });
});
