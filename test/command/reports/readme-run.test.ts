import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSample } from './readme-sample';
import { runCommand } from '../../../src/command/cli';
import { READ_LIMITS, sizeText } from '../../../src/command/reports/limits';
import { RULE } from '../../../src/command/reports/summary';

// The README's "Reading DMARC reports" holds what the command does: its sample run is the command's output over the
// sample folder, its limits table names READ_LIMITS, and its road to p=reject names RULE's numbers.

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Reading DMARC reports'), README.indexOf("## Staying out of SES's review queue"));

/** The plain code block after the paragraph that ends with `marker`. */
const blockAfter = (marker: string) => SECTION.slice(SECTION.indexOf(marker)).match(/\n```\n([\s\S]*?)\n```/)![1];

test('README: the sample run is what the command prints over the sample folder, standard output and standard error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-reports-'));
  try {
    writeSample(join(dir, 'dmarc-reports'));
    let out = '';
    let err = '';
    const code = await runCommand(['reports', join(dir, 'dmarc-reports/')], { out: (t) => { out += t; }, err: (t) => { err += t; } });
    expect(code).toBe(0);
    const shown = (text: string) => text.split(`${dir}/`).join('').trimEnd();
    expect(shown(out)).toBe(blockAfter('with a week of reports from two receivers:'));
    expect(shown(err)).toBe(blockAfter('and on standard error:'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('README: the limits table gives READ_LIMITS, and the road to p=reject gives RULE', () => {
  expect(SECTION).toContain(`At most ${sizeText(READ_LIMITS.inputBytes)} as stored`);
  expect(SECTION).toContain(`At most ${sizeText(READ_LIMITS.expandedBytes)} expanded in all`);
  expect(SECTION).toContain(`At most ${READ_LIMITS.zipEntries} entries,`);
  expect(SECTION).toContain(`At most ${READ_LIMITS.mailParts} lines starting with \`--\``);
  expect(SECTION).toContain(`Nested at most ${READ_LIMITS.nesting} deep`);
  expect(SECTION).toContain(`At least ${RULE.minMessages} messages over at least ${RULE.minDays} days`);
  expect(SECTION).toContain(`**${RULE.passShare * 100}% pass DMARC**`);
});
