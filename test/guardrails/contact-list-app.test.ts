import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DomainMetadata } from '../../src/assembly-metadata';
import { readAssembly } from '../../src/command/check/assembly';
import { ContactList, ContactListTopic, SubscriptionStatus } from '../../src/guardrails/contact-list';
import { Deliverability } from '../../src/guardrails/deliverability';
import { domain, ENV, guardStack, warningsOf } from '../helpers/guardrails';
import { failures, synthError } from '../helpers/util';

// The contact list across the app: SES allows one per account and region, so it is made once per
// environment, in the stack of the first domain that asks; every other ask must be for that list. And
// what the cloud assembly's metadata says of it for the check command.

const NEWS: ContactListTopic = { topicName: 'news', displayName: 'Weekly news', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN };
const LIST_ID = 'VerifiedMailDomainContactList99EAD190';

function guard(list: ContactList): Deliverability {
  return Deliverability.guard({ contactList: list });
}

/** The logical ids of the stack's contact lists. */
function lists(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::SES::ContactList'));
}

test('two stacks of one environment: the list once, in the stack of the first domain that asks; every domain names it; the other stack is warned', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  const shop = domain(second, 'Shop', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  const mail = domain(first, 'Mail', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  const news = domain(second, 'News', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  expect([lists(first), lists(second)]).toEqual([[], [LIST_ID]]);
  expect([shop.contactListName, mail.contactListName, news.contactListName]).toEqual(['verified-mail-domain', 'verified-mail-domain', 'verified-mail-domain']);
  expect(warningsOf(first, 'contactListInOtherStack')).toEqual([
    "The SES contact list 'verified-mail-domain' this domain uses is made in stack Second, for Second/Shop (the first domain of account 123456789012 in "
    + 'eu-west-1 that asks for it). If that domain goes, or a domain of another stack that asks is constructed before it, the list moves, and the deploy '
    + 'fails (the new stack creates it while the old one still holds it: one contact list per account and region). Keep that domain first',
  ]);
  expect(warningsOf(second, 'contactListInOtherStack')).toEqual([]);
  expect(synthError(app)).toBe('');
});

test.each([
  ['two regions', { ...ENV, region: 'us-east-1' }],
  ['two accounts', { ...ENV, account: '210987654321' }],
])('two environments (%s): one list in each, with its own topics', (_, env) => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app, env);
  domain(first, 'Mail', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  domain(second, 'Shop', { deliverability: guard(ContactList.create({ contactListName: 'shop' })) });
  expect([lists(first), lists(second)]).toEqual([[LIST_ID], [LIST_ID]]);
  Template.fromStack(second).hasResourceProperties('AWS::SES::ContactList', { ContactListName: 'shop', Topics: [] });
  expect(warningsOf(first, 'contactListInOtherStack')).toEqual([]);
  expect(synthError(app)).toBe('');
});

test('environment-agnostic stacks: each is its own environment with its own list', () => {
  const { app, stack: first } = guardStack('First', new App(), null);
  const { stack: second } = guardStack('Second', app, null);
  domain(first, 'Mail', { deliverability: guard(ContactList.create()) });
  domain(second, 'Shop', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  expect([lists(first), lists(second)]).toEqual([[LIST_ID], [LIST_ID]]);
  expect(synthError(app)).toBe('');
});

test('an existing list named like the list the app makes is that list; existing lists alone create nothing', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  domain(first, 'Mail', { deliverability: guard(ContactList.create({ contactListName: 'news', topics: [NEWS] })) });
  domain(second, 'Shop', { deliverability: guard(ContactList.fromContactListName('news')) });
  expect([lists(first), lists(second)]).toEqual([[LIST_ID], []]);
  expect(synthError(app)).toBe('');

  const { app: other, stack } = guardStack('Other');
  domain(stack, 'Mail', { deliverability: guard(ContactList.fromContactListName('Newsletter')) });
  domain(stack, 'Shop', { deliverability: guard(ContactList.fromContactListName('Newsletter')) });
  expect(lists(stack)).toEqual([]);
  expect(synthError(other)).toBe('');
});

const MADE = 'a new contact list \'verified-mail-domain\' with topics news ("Weekly news", OPT_IN)';
const DISAGREE = (owner: string, first: string, asker: string, second: string, name = 'verified-mail-domain') => 'SES allows one contact list per '
  + `account and region, and ${owner} asks for ${first} in account 123456789012 in eu-west-1, but ${asker} asks for ${second}. Give every domain of the `
  + `account and region the same contactList (ContactList.create with the same options, or ContactList.fromContactListName('${name}'))`;

test('domains of one environment that ask for different lists: an error on each naming both, across stacks too', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  domain(first, 'Mail', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  domain(first, 'Shop', { deliverability: guard(ContactList.create({ topics: [NEWS, { ...NEWS, topicName: 'offers', description: 'Sales' }] })) });
  domain(second, 'News', { deliverability: guard(ContactList.create({ contactListName: 'news', description: 'All of it' })) });
  domain(second, 'Blog', { deliverability: guard(ContactList.fromContactListName('Newsletter')) });
  expect(synthError(app)).toBe(failures([
    ['First/Shop', DISAGREE('First/Mail', MADE, 'First/Shop',
      'a new contact list \'verified-mail-domain\' with topics news ("Weekly news", OPT_IN), offers ("Weekly news", OPT_IN, "Sales")')],
    ['Second/News', DISAGREE('First/Mail', MADE, 'Second/News', 'a new contact list \'news\' ("All of it") with no topics')],
    ['Second/Blog', DISAGREE('First/Mail', MADE, 'Second/Blog', "the existing contact list 'Newsletter'")],
  ]));
});

test('the list made is the reference, wherever its stack lies in the app: the error is on the domain that asks for another', () => {
  const { app, stack: first } = guardStack('First');
  const { stack: second } = guardStack('Second', app);
  domain(second, 'Shop', { deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  const mail = domain(first, 'Mail', { deliverability: guard(ContactList.create({ contactListName: 'other' })) });
  // No warning for a domain of another stack that asks for another list: the error says it all.
  expect(mail.node.metadata.filter((m) => m.type === 'aws:cdk:warning')).toEqual([]);
  expect(synthError(app)).toBe(failures([['First/Mail', DISAGREE('Second/Shop', MADE, 'First/Mail', "a new contact list 'other' with no topics")]]));
});

test('two existing lists of one environment: an error naming both', () => {
  const { app, stack } = guardStack();
  domain(stack, 'Mail', { deliverability: guard(ContactList.fromContactListName('Newsletter')) });
  domain(stack, 'Shop', { deliverability: guard(ContactList.fromContactListName('Offers')) });
  expect(synthError(app)).toBe(failures([
    ['Test/Shop', DISAGREE('Test/Mail', "the existing contact list 'Newsletter'", 'Test/Shop', "the existing contact list 'Offers'", 'Newsletter')],
  ]));
});

test('two domains sharing one configuration set, and so its guard, still each ask for their list', () => {
  const { app, stack } = guardStack();
  const set = new ses.ConfigurationSet(stack, 'Set');
  domain(stack, 'Mail', { configurationSet: set, deliverability: guard(ContactList.create({ topics: [NEWS] })) });
  domain(stack, 'Shop', { configurationSet: set, deliverability: guard(ContactList.fromContactListName('Offers')) });
  expect(synthError(app)).toBe(failures([['Test/Shop', DISAGREE('Test/Mail', MADE, 'Test/Shop', "the existing contact list 'Offers'")]]));
});

/** The metadata entry of the domain at `path` in the synthesized cloud assembly, read as the check command reads it. */
function metadataOf(app: App, path: string): DomainMetadata {
  return readAssembly(app.synth().directory).find((d) => d.constructPath === `/${path}`)!.metadata;
}

test('the cloud assembly metadata of a domain names its contact list and topics, says whether it is the account\'s own, and has none without one', () => {
  const { app, stack } = guardStack();
  domain(stack, 'Mail', { deliverability: guard(ContactList.create({ contactListName: 'news', topics: [NEWS, { ...NEWS, topicName: 'offers' }] })) });
  domain(stack, 'Shop', { deliverability: guard(ContactList.fromContactListName('news')) });
  domain(stack, 'Blog', { deliverability: Deliverability.guard() });
  expect(metadataOf(app, 'Test/Mail').contactList).toEqual({ name: 'news', topics: ['news', 'offers'], existing: false });
  expect(metadataOf(app, 'Test/Shop').contactList).toEqual({ name: 'news', topics: [], existing: true });
  expect(Object.keys(metadataOf(app, 'Test/Blog'))).not.toContain('contactList');
});
