import { Row, Verdict } from './verdicts';

// How the check reports: a table a person reads at a glance and one verdict line, or JSON for CI.

/** The exit code: 0 when every record holds, 2 when DNS gave no answer, else 1. */
export function exitCode(rows: Row[]): number {
  if (rows.some((r) => r.verdict === 'unreachable')) return 2;
  return rows.every((r) => r.verdict === 'ok') ? 0 : 1;
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
  const head = code === 0 ? 'OK: every expected record holds' : code === 2 ? 'UNREACHABLE: DNS did not answer' : 'FAIL: not every expected record holds';
  return `${head} (${rows.length} checks: ${parts || 'none'})`;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 3)}...` : text;
}

/** The table: verdict, record, expected, found; details and advice indented below their row. */
export function table(rows: Row[]): string {
  const lines: string[] = [];
  let group: string | undefined;
  for (const r of rows) {
    if (`${r.stack} ${r.domain}` !== group) {
      group = `${r.stack} ${r.domain}`;
      lines.push('', `${r.domain} (stack ${r.stack})`, `  ${'VERDICT'.padEnd(11)} ${'RECORD'.padEnd(46)} ${'EXPECTED'.padEnd(40)} FOUND`);
    }
    const record = cut(`${r.name} ${r.type}`, 46);
    const expected = cut(r.expected.join(' | ') || '-', 40);
    const found = cut(r.found.join(' | ') || '-', 60);
    lines.push(`  ${r.verdict.padEnd(11)} ${record.padEnd(46)} ${expected.padEnd(40)} ${found}`);
    for (const detail of (r.detail ?? '').split('\n').filter(Boolean)) lines.push(`      ${detail}`);
    if (r.advice) lines.push(`      adopt: ${r.advice}`);
  }
  lines.push('', verdictLine(rows));
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

/** The JSON report: every row, the counts and the exit code. */
export function json(rows: Row[]): string {
  return `${JSON.stringify({ ok: exitCode(rows) === 0, exitCode: exitCode(rows), counts: counts(rows), records: rows }, undefined, 2)}\n`;
}
