import { describe, expect, it } from 'vitest';
import { inTrouble, troubleReason } from '@/lib/providers/instantly/account-trouble';
import { readAccountPage } from '@/lib/providers/instantly/glance-client';

describe('sending accounts in trouble', () => {
  it('a negative status or warmup status is trouble; paused or in maintenance is not', () => {
    expect(inTrouble({ email: 'a@x.com', status: 1, warmup_status: 1 })).toBe(false);
    expect(inTrouble({ email: 'a@x.com', status: 2, warmup_status: 0 })).toBe(false);
    expect(inTrouble({ email: 'a@x.com', status: 3, warmup_status: 1 })).toBe(false);
    expect(inTrouble({ email: 'a@x.com', status: -2, warmup_status: 1 })).toBe(true);
    expect(inTrouble({ email: 'a@x.com', status: 1, warmup_status: -3 })).toBe(true);
  });

  it('says why in words, with the server’s own message on one short line', () => {
    expect(
      troubleReason({
        email: 'a@x.com',
        status: -3,
        warmup_status: 1,
        status_message: { code: 'EENVELOPE', response: '550-5.4.5 Daily user\n sending limit exceeded' },
      }),
    ).toBe('sending error: 550-5.4.5 Daily user sending limit exceeded');
    expect(troubleReason({ email: 'a@x.com', status: -1, warmup_status: -2 })).toBe(
      'connection error, warmup: spam folder unknown',
    );
    expect(troubleReason({ email: 'a@x.com', status: -1, status_message: { e_message: 'x'.repeat(300) } })).toMatch(
      /^connection error: x{119}…$/,
    );
  });
});

describe('a page of accounts', () => {
  it('a row that is not an account is skipped and counted, never the whole page', () => {
    const page = readAccountPage({
      items: [
        { email: 'a@x.com', status: -1, warmup_status: 1, first_name: 'A' },
        { status: 'broken' },
        42,
        { email: 'b@x.com', status: 1 },
      ],
      next_starting_after: '2026-01-01T00:00:00.000Z&b@x.com',
    });
    expect(page).toEqual({
      accounts: [
        { email: 'a@x.com', status: -1, warmup_status: 1 },
        { email: 'b@x.com', status: 1 },
      ],
      skipped: 2,
      next_starting_after: '2026-01-01T00:00:00.000Z&b@x.com',
    });
  });

  it('a body without a list of items is not a page', () => {
    expect(readAccountPage({ accounts: [] })).toBeNull();
    expect(readAccountPage(undefined)).toBeNull();
  });
});
