/**
 * Lines of runs of text columns read as one joined value must be exactly what writing each cell
 * would give: the clean ones as they come, the others (a comma, a quote, a line break, a
 * formula in any cell of the run) read again cell by cell.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvText } from '../../../common/csv';
import { openStore } from '../store/open';
import { specOf, TABLES } from '../query/compile';
import { CsvLines } from './csv-lines';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-csv-lines-'));
const db = openStore(join(dir, 'lines.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const t = TABLES.user;
/** Three text columns in a row, a time, then a lone text column. */
const KEYS = ['user_id', 'user_email', 'user_name', 'first_seen', 'last_city'];
const specs = KEYS.map((k) => specOf(t, k));

const VALUES: Array<string | null> = [
  'plain', null, '', 'a,b', 'say "hi"', 'two\nlines', 'cr\rinside', '=SUM(A1)', '+1', '-5', '@x', '\ttab', 'Zoë 東京 🚀', 'x=1', 'unit\x1fsep',
];
const insert = db.prepare('INSERT INTO users (user_id, user_email, user_name, first_seen, last_seen, last_city) VALUES (?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  let n = 0;
  for (const email of VALUES) {
    for (const name of VALUES) insert.run(`u${n++}`, email, name, 1_700_000_000_000 + n, 1_700_000_000_000 + n, VALUES[n % VALUES.length]);
  }
  insert.run('=first,cell', 'e', 'n', 1, 1, null);
})();

/** Each cell written on its own, as the export did before runs. */
function reference(row: unknown[], guard: boolean): string {
  return row
    .map((v, i) => (v === null ? '' : specs[i]!.type === 'time' ? new Date(Number(v)).toISOString() : csvText(String(v), guard)))
    .join(',');
}

describe('CsvLines', () => {
  it('reads adjacent text columns as one value, and a lone one as itself', () => {
    const lines = new CsvLines(db, t, specs, true);
    expect(lines.select).toBe("id, concat_ws(',', ifnull(user_id, ''), ifnull(user_email, ''), ifnull(user_name, '')), first_seen, last_city");
  });

  for (const guard of [true, false]) {
    it(`writes every row as its cells would be written (formula guard ${guard ? 'on' : 'off'})`, () => {
      const lines = new CsvLines(db, t, specs, guard);
      const rows = db.prepare(`SELECT ${lines.select} FROM users ORDER BY id`).raw().all() as unknown[][];
      const cells = db.prepare(`SELECT ${KEYS.join(', ')} FROM users ORDER BY id`).raw().all() as unknown[][];
      expect(rows.length).toBe(VALUES.length ** 2 + 1);
      rows.forEach((raw, i) => expect(lines.line(raw)).toBe(reference(cells[i]!, guard)));
    });
  }
});
