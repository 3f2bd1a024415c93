// Export CSV: what a spreadsheet opens is the table as shown, each cell intact.
import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from '@/lib/pages/console/csv';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and leaves plain cells alone', () => {
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('The "best" client')).toBe('"The ""best"" client"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Northstar')).toBe('Northstar');
    expect(csvCell(1234)).toBe('1234');
    expect(csvCell(undefined)).toBe('');
  });

  it('never hands a spreadsheet a formula in a name', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

  it('is a header line and one line per row, CRLF-terminated', () => {
    expect(
      toCsv(
        ['Workspace', 'Sent'],
        [
          ['Acme', 10],
          ['Beta, Ltd', undefined],
        ],
      ),
    ).toBe('Workspace,Sent\r\nAcme,10\r\n"Beta, Ltd",\r\n');
  });

  it('names the file after the period and the UTC day', () => {
    expect(csvFileName('last30', Date.UTC(2026, 11, 4, 23, 0))).toBe('sub-workspaces-last-30-days-2026-12-04.csv');
  });
});
