// @vitest-environment happy-dom
// The popup says when the background could not start (and wakes it when it opens).
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartUpProblem } from '@/components/StartUpProblem';
import { START_UP_FAILED } from '@/lib/background/worker/start-up-gate';
import * as messages from '@/lib/common/messages';
import { startUpProblem } from '@/lib/common/storage';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('StartUpProblem', () => {
  it('wakes the background when the page opens, and shows nothing when it started', async () => {
    const send = vi.spyOn(messages, 'send').mockResolvedValue({ ok: true });
    const { container } = render(<StartUpProblem />);
    await waitFor(() => expect(send).toHaveBeenCalledWith({ type: 'startUp' }));
    expect(container.textContent).toBe('');
  });

  it('shows a failed start-up as an alert, with what went wrong and a way to try again', async () => {
    await startUpProblem.set({ message: 'Error: storage is full', at: Date.now(), failures: 2 });
    const send = vi.spyOn(messages, 'send').mockResolvedValue({ ok: false, error: START_UP_FAILED });
    render(<StartUpProblem />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not start');
    expect(alert.textContent).toContain('storage is full');
    screen.getByRole('button', { name: 'Try again' }).click();
    await waitFor(() => expect(send).toHaveBeenCalledTimes(2));
  });

  it('goes away once a start-up succeeds', async () => {
    await startUpProblem.set({ message: 'Error: storage is full', at: Date.now(), failures: 1 });
    vi.spyOn(messages, 'send').mockResolvedValue({ ok: false, error: START_UP_FAILED });
    render(<StartUpProblem />);
    await screen.findByRole('alert');
    vi.spyOn(messages, 'send').mockResolvedValue({ ok: true });
    screen.getByRole('button', { name: 'Try again' }).click();
    await startUpProblem.remove();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
