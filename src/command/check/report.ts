import { BulkSenderRow } from './bulk-sender';
import { Row, Verdict } from './verdicts';

// How the check reports: a table a person reads at a glance and one verdict line, or JSON for CI.

/** Verdicts that say a record does not hold. `pending` is not one: before the first deploy nothing is wrong yet. */
const FAILING: ReadonlySet<Verdict> = new Set(['missing', 'different', 'conflict', 'invalid']);

/** The exit code: 2 when DNS gave no answer, 1 when a record does not hold, else 0 (also when some are pending). */
export function exitCode(rows: Row[]): number {
  if (rows.some((r) => r.verdict === 'unreachable')) return 2;
  return rows.some((r) => FAILING.has(r.verdict)) ? 1 : 0;
}

const ORDER: Verdict[] = ['ok', 'missing', 'different', 'conflict', 'invalid', 'pending', 'unreachable'];

/** How many rows have each verdict, in a fixed order. */
function counts(rows: Row[]): Partial<Record<Verdict, number>> {
  const out: Partial<Record<Verdict, number>> = {};
  for (const verdict of ORDER) {
    const n = rows.filter((r) => r.verdict === verdict).length;
    if (n > 0) out[verdict] = n;
  }
  return out;
}

/** The one-line summary. */
export function verdictLine(rows: Row[]): string {
  const n = counts(rows);
  const parts = Object.entries(n).map(([verdict, count]) => `${count} ${verdict}`).join(', ');
  const code = exitCode(rows);
  const pending = rows.filter((r) => r.verdict === 'pending');
  const what = pending.every((r) => r.purpose.startsWith('Easy DKIM')) ? 'Easy DKIM record' : 'record';
  const head = code === 2 ? 'UNREACHABLE: DNS did not answer, after retries'
    : code === 1 ? 'FAIL: not every expected record holds'
      : pending.length === 0 ? 'OK: every expected record holds'
        : `OK: every record known before deploy holds; ${pending.length} ${what}${pending.length === 1 ? ' is' : 's are'} pending: give --outputs after cdk deploy`;
  return `${head} (${rows.length} checks: ${parts || 'none'})`;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 3)}...` : text;
}

/** How the table is laid out. */
export interface TableOptions {
  /** Whole values, each column as wide as its widest value; otherwise long values are cut to fit. */
  readonly wide?: boolean;
}

/** Column widths of the default table: RECORD, EXPECTED, FOUND (the last is cut, not padded). */
const WIDTHS = [46, 40, 60];

/** The table: verdict, record, expected, found; details and advice indented below their row; then the bulk-sender section. */
export function table(rows: Row[], options: TableOptions = {}, bulk: BulkSenderRow[] = []): string {
  const cells = rows.map((r) => [`${r.name} ${r.type}`, r.expected.join(' | ') || '-', r.found.join(' | ') || '-']);
  const widths = options.wide
    ? WIDTHS.map((_, i) => Math.max(['RECORD', 'EXPECTED', 'FOUND'][i].length, ...cells.map((c) => c[i].length)))
    : WIDTHS;
  const fit = (text: string, i: number) => (options.wide ? text : cut(text, widths[i]));
  const lines: string[] = [];
  let group: string | undefined;
  rows.forEach((r, index) => {
    if (`${r.stack} ${r.domain}` !== group) {
      group = `${r.stack} ${r.domain}`;
      lines.push('', `${r.domain} (stack ${r.stack})`, `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(widths[0])} ${'EXPECTED'.padEnd(widths[1])} FOUND`);
    }
    const [record, expected, found] = cells[index].map(fit);
    lines.push(`  ${r.verdict.padEnd(11)} ${record.padEnd(widths[0])} ${expected.padEnd(widths[1])} ${found}`);
    // Rows in a row with the same detail (three pending DKIM records, say) show it once, below the last of them.
    const next = rows[index + 1];
    const sameNext = next !== undefined && next.stack === r.stack && next.domain === r.domain && next.detail === r.detail;
    if (!sameNext) for (const detail of (r.detail ?? '').split('\n').filter(Boolean)) lines.push(`      ${detail}`);
    if (r.advice) lines.push(`      adopt: ${r.advice}`);
  });
  lines.push(...bulkSenderLines(bulk), '', verdictLine(rows));
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

/** The bulk-sender section: a heading, then per domain each requirement with its verdict and reason. */
function bulkSenderLines(bulk: BulkSenderRow[]): string[] {
  if (bulk.length === 0) return [];
  const lines = ['', 'Bulk sender requirements (Gmail and Yahoo, since February 2024; they do not change the exit status)'];
  let group: string | undefined;
  const width = Math.max(...bulk.map((b) => b.requirement.length));
  for (const b of bulk) {
    if (`${b.stack} ${b.domain}` !== group) {
      group = `${b.stack} ${b.domain}`;
      lines.push(`${b.domain} (stack ${b.stack})`);
    }
    lines.push(`  ${b.verdict.padEnd(11)} ${b.requirement.padEnd(width)}  ${b.detail}`);
  }
  return lines;
}

/** The JSON report: every row, the counts and the exit code, and the bulk-sender requirements. */
export function json(rows: Row[], bulk: BulkSenderRow[] = []): string {
  const report = { ok: exitCode(rows) === 0, exitCode: exitCode(rows), counts: counts(rows), records: rows, bulkSender: bulk };
  return `${JSON.stringify(report, undefined, 2)}\n`;
}
