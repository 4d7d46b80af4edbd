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
  expect(second.made).toEqual({ kind: 'vdm', name: '', env, owner: 'A/D1', settings: 'on' });
  expect(madeOnce(app.node.findAll(), 'vdm').map(({ construct }) => construct.node.path)).toEqual(['A/Made1']);
  expect(onceDisagreements(app.node.findAll(), 'vdm').map(({ made, asked, domain }) => [made.owner, asked.owner, asked.settings, domain])).toEqual([
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
  expect(madeOnce(app.node.findAll(), 'tenant').map(({ made: m }) => `${m.name} ${m.env.key}`)).toEqual([
    'acme 111111111111/eu-west-1', 'other 111111111111/eu-west-1', 'acme 111111111111/us-east-1',
  ]);
  expect(onceDisagreements(app.node.findAll(), 'tenant')).toEqual([]);
});

test('two kinds with one name and environment are two resources, and their asks never meet', () => {
  const { app, a, ask } = setup();
  expect([ask(new Construct(a, 'D'), 'vdm', 'x', 'on').first, ask(new Construct(a, 'E'), 'tenant', 'x', 'off').first]).toEqual([true, true]);
  expect([onceDisagreements(app.node.findAll(), 'vdm'), onceDisagreements(app.node.findAll(), 'tenant')]).toEqual([[], []]);
});

test('one domain\'s several asks are all kept; its own first ask never disagrees with itself', () => {
  const { app, a, ask } = setup();
  const d = new Construct(a, 'D');
  ask(d, 'tenant', 'acme', 'standard');
  ask(d, 'tenant', 'acme', 'strict');
  expect(onceDisagreements(app.node.findAll(), 'tenant')).toEqual([]);
  ask(new Construct(a, 'E'), 'tenant', 'acme', 'strict');
  expect(onceDisagreements(app.node.findAll(), 'tenant').map(({ asked }) => asked.owner)).toEqual(['A/E']);
});
