import { describe, expect, it } from 'vitest';
import { errorsCsv } from './csv-check.ts';

describe('the import’s error list as a file', () => {
  it('defuses formulas also behind a semicolon, where German Excel starts a new cell', () => {
    const file = errorsCsv([
      { row: 2, column: 'name', value: '=1+1', message: 'The desk name is invalid.' },
      { row: 3, column: 'computername', value: 'PC-1;=HYPERLINK("x")', message: 'Not a computer name.' },
    ]);
    const lines = file.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('row,column,value,message');
    expect(lines[1]).toBe("2,name,'=1+1,The desk name is invalid.");
    expect(lines[2]).toBe(`3,computername,"PC-1;'=HYPERLINK(""x"")",Not a computer name.`);
  });
});
