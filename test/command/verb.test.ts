import { parseVerbArgs, verbUsage } from '../../src/command/args';
import { CommandEnvironment, Io, Verb } from '../../src/command/verb';

// verb.ts holds only types: what a verb of the command is. ts-jest type-checks this file, so these tests fail to
// compile (and fail) if a field is renamed, dropped or turns optional; each @ts-expect-error fails if the line compiles.

/** A verb of the test's own: it writes its operands to out, and says 2 on err when given none. */
const echo: Verb = {
  name: 'echo',
  summary: 'writes its operands.',
  flags: [],
  operands: { name: 'WORD...', help: 'the words.' },
  run: async (args, io) => {
    if (args.operands.length === 0) {
      io.err('no words\n');
      return 2;
    }
    io.out(`${args.operands.join(' ')}\n`);
    return 0;
  },
};

test('a verb is a VerbSpec the one parser reads, and its run returns the exit code', async () => {
  const written: string[] = [];
  const io: Io = { out: (t) => written.push(`out ${t}`), err: (t) => written.push(`err ${t}`) };
  const environment: CommandEnvironment = {};
  expect(verbUsage(echo)).toBe('usage: cdk-verified-mail-domain echo [WORD...]; see --help');
  expect(await echo.run(parseVerbArgs(echo, ['a', 'b']), io, environment)).toBe(0);
  expect(await echo.run(parseVerbArgs(echo, []), io, environment)).toBe(2);
  expect(written).toEqual(['out a b\n', 'err no words\n']);
});

test('run is required and returns a promise of a number; io has both streams', () => {
  // @ts-expect-error a verb without run
  const noRun: Verb = { name: 'x', summary: 'x.', flags: [] };
  // @ts-expect-error run resolves to the exit code, not a text
  const textRun: Verb = { ...echo, run: async () => 'done' };
  // @ts-expect-error run is asynchronous
  const syncRun: Verb = { ...echo, run: () => 0 };
  // @ts-expect-error io needs err beside out
  const outOnly: Io = { out: () => undefined };
  const copy: Verb = { ...echo };
  // @ts-expect-error the fields are readonly
  copy.name = 'other';
  expect([noRun.run, typeof textRun.run, typeof syncRun.run, outOnly.err]).toEqual([undefined, 'function', 'function', undefined]);
});
