import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { madeOnce, onceDisagreements, requestOnce } from '../../src/guardrails/once';

// once.ts directly: the first ask of a kind, name and environment makes the resource; later asks only
// record theirs; the disagreements are the later asks whose settings differ.

const EU = { account: '111111111111', region: 'eu-west-1' };
const env = { key: '111111111111/eu-west-1', label: 'account 111111111111 in eu-west-1' };

function setup() {
  const app = new App();
  const [a, b] = [new Stack(app, 'A', { env: EU }), new Stack(app, 'B', { env: EU })];
  let made = 0;
  const ask = (domain: Construct, kind: string, name: string, settings: string) =>
    requestOnce(domain, { kind, name, owner: domain.node.path, settings }, () => new Construct(Stack.of(domain), `Made${++made}`));
  return { app, a, b, ask };
}

test('the first ask makes the resource; a later ask of the same kind, name and environment gets it, in any stack', () => {
  const { app, a, b, ask } = setup();
  const [d1, d2] = [new Construct(a, 'D1'), new Construct(b, 'D2')];
  const first = ask(d1, 'vdm', '', 'on');
  const second = ask(d2, 'vdm', '', 'off');
  expect([first.first, second.first]).toEqual([true, false]);
  expect(second.construct).toBe(first.construct);
  expect(first.construct.node.path).toBe('A/Made1');
  expect(second.made).toEqual({ kind: 'vdm', name: '', env, owner: 'A/D1', settings: 'on', subject: d1 });
  expect(madeOnce(app, 'vdm').map(({ construct }) => construct.node.path)).toEqual(['A/Made1']);
  expect(onceDisagreements(app, 'vdm').map(({ made, asked }) => [made.owner, asked.owner, asked.settings, asked.subject])).toEqual([
    ['A/D1', 'B/D2', 'off', d2],
  ]);
});

test('another name, kind or environment is another resource; asks that agree are no disagreement', () => {
  const { app, a, ask } = setup();
  const us = new Stack(app, 'Us', { env: { ...EU, region: 'us-east-1' } });
  const d = new Construct(a, 'D');
  const made = [
    ask(d, 'tenant', 'acme', 'standard'), ask(d, 'tenant', 'other', 'strict'), ask(d, 'vdm', '', 'on'),
    ask(new Construct(us, 'D'), 'tenant', 'acme', 'none'), ask(new Construct(a, 'E'), 'tenant', 'acme', 'standard'),
  ];
  expect(made.map((m) => m.first)).toEqual([true, true, true, true, false]);
  expect(madeOnce(app, 'tenant').map(({ made: m }) => `${m.name} ${m.env.key}`)).toEqual([
    'acme 111111111111/eu-west-1', 'other 111111111111/eu-west-1', 'acme 111111111111/us-east-1',
  ]);
  expect(onceDisagreements(app, 'tenant')).toEqual([]);
});

test('two kinds with one name and environment are two resources, and their asks never meet', () => {
  const { app, a, ask } = setup();
  expect([ask(new Construct(a, 'D'), 'vdm', 'x', 'on').first, ask(new Construct(a, 'E'), 'tenant', 'x', 'off').first]).toEqual([true, true]);
  expect([onceDisagreements(app, 'vdm'), onceDisagreements(app, 'tenant')]).toEqual([[], []]);
});

test('one domain\'s several asks are all kept; its own first ask never disagrees with itself', () => {
  const { app, a, ask } = setup();
  const d = new Construct(a, 'D');
  ask(d, 'tenant', 'acme', 'standard');
  ask(d, 'tenant', 'acme', 'strict');
  expect(onceDisagreements(app, 'tenant')).toEqual([]);
  ask(new Construct(a, 'E'), 'tenant', 'acme', 'strict');
  expect(onceDisagreements(app, 'tenant').map(({ asked }) => asked.owner)).toEqual(['A/E']);
});

test('an ask that makes nothing (a resource outside the app) records itself; the first ask that can make, makes', () => {
  const { app, a, b, ask } = setup();
  const [d1, d2, d3] = [new Construct(a, 'D1'), new Construct(b, 'D2'), new Construct(b, 'D3')];
  expect(requestOnce(d1, { kind: 'list', name: '', owner: 'A/D1', settings: 'existing x' })).toBeUndefined();
  expect(madeOnce(app, 'list')).toEqual([]);
  // Nothing made: each later ask is compared with the first ask.
  expect(requestOnce(d2, { kind: 'list', name: '', owner: 'B/D2', settings: 'existing y' })).toBeUndefined();
  expect(onceDisagreements(app, 'list').map(({ made, asked }) => [made.owner, asked.owner])).toEqual([['A/D1', 'B/D2']]);
  const made = ask(d3, 'list', '', 'new z');
  expect([made.first, made.construct.node.path]).toEqual([true, 'B/Made1']);
  expect(requestOnce(new Construct(a, 'D4'), { kind: 'list', name: '', owner: 'A/D4', settings: 'existing z' })!.construct).toBe(made.construct);
  // Something made: every ask is compared with what was made, the asks before it too.
  expect(onceDisagreements(app, 'list').map(({ made: m, asked }) => [m.owner, asked.owner])).toEqual([
    ['B/D3', 'A/D1'], ['B/D3', 'B/D2'], ['B/D3', 'A/D4'],
  ]);
  const sameName = (m: { settings: string }, x: { settings: string }) => m.settings.split(' ')[1] === x.settings.split(' ')[1];
  expect(onceDisagreements(app, 'list', sameName).map(({ asked }) => asked.owner)).toEqual(['A/D1', 'B/D2']);
});

test('the environment is the asking scope\'s; a disagreement is reported on the subject given, else that scope', () => {
  const { app, a, b } = setup();
  const [domain, guard] = [new Construct(b, 'Domain'), new Construct(a, 'Guard')];
  requestOnce(new Construct(a, 'D'), { kind: 'alarms', name: '', owner: 'A/D', settings: 'x' }, () => new Construct(a, 'Alarms'));
  const other = requestOnce(guard, { kind: 'alarms', name: '', owner: 'B/Domain', settings: 'y', subject: domain });
  expect(other!.made.owner).toBe('A/D');
  const plain = new Construct(b, 'Plain');
  requestOnce(plain, { kind: 'alarms', name: '', owner: 'B/Plain', settings: 'z' });
  expect(onceDisagreements(app, 'alarms').map(({ asked }) => asked.subject)).toEqual([domain, plain]);
});

test('each app has its own resources', () => {
  const [one, two] = [setup(), setup()];
  expect([one.ask(new Construct(one.a, 'D'), 'vdm', '', 'on').first, two.ask(new Construct(two.a, 'D'), 'vdm', '', 'off').first]).toEqual([true, true]);
  expect([onceDisagreements(one.app, 'vdm'), onceDisagreements(two.app, 'vdm')]).toEqual([[], []]);
});

test('the disagreements of one kind leave out those of every other kind', () => {
  const { app, a, ask } = setup();
  ask(new Construct(a, 'D'), 'tenant', 'acme', 'standard');
  ask(new Construct(a, 'E'), 'tenant', 'acme', 'strict');
  expect(onceDisagreements(app, 'tenant').map(({ asked }) => asked.owner)).toEqual(['A/E']);
  expect(onceDisagreements(app, 'vdm')).toEqual([]);
});
