import { CfnParameter, Lazy, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ContactList, ContactListOptions, ContactListTopic, SubscriptionStatus } from '../../src/guardrails/contact-list';
import { Deliverability } from '../../src/guardrails/deliverability';
import { arn, domain, guardStack, propertiesOf } from '../helpers/guardrails';

// The contact list of one guarded domain: the AWS::SES::ContactList with its topics, the construct's
// contactListName, the send grant, and every SES limit on the list's options with its message.

const NEWS: ContactListTopic = { topicName: 'news', displayName: 'Weekly news', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN };
const OFFERS: ContactListTopic = {
  topicName: 'offers_2-b', displayName: 'Offers', description: 'Now and then, what is on sale', defaultSubscriptionStatus: SubscriptionStatus.OPT_OUT,
};

function topic(topicName: string): ContactListTopic {
  return { topicName, displayName: topicName, defaultSubscriptionStatus: SubscriptionStatus.OPT_IN };
}

test('ContactList.create: one AWS::SES::ContactList at the top of the stack with its name, description and topics; the domain names it', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', {
    deliverability: Deliverability.guard({
      contactList: ContactList.create({ contactListName: 'Example_list-1', description: 'Mail from example.org', topics: [NEWS, OFFERS] }),
    }),
  });
  const lists = Template.fromStack(stack).findResources('AWS::SES::ContactList');
  expect(lists).toEqual({
    VerifiedMailDomainContactList99EAD190: {
      Type: 'AWS::SES::ContactList',
      Properties: {
        ContactListName: 'Example_list-1',
        Description: 'Mail from example.org',
        Topics: [
          { TopicName: 'news', DisplayName: 'Weekly news', DefaultSubscriptionStatus: 'OPT_IN' },
          { TopicName: 'offers_2-b', DisplayName: 'Offers', Description: 'Now and then, what is on sale', DefaultSubscriptionStatus: 'OPT_OUT' },
        ],
      },
    },
  });
  expect(mail.contactListName).toBe('Example_list-1');
});

test('ContactList.create() with no options: the list verified-mail-domain with no topics', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ contactList: ContactList.create() }) });
  expect(propertiesOf(stack, 'AWS::SES::ContactList')).toEqual([{ ContactListName: 'verified-mail-domain', Topics: [] }]);
  expect(mail.contactListName).toBe('verified-mail-domain');
});

test('without contactList: no contact list, contactListName undefined', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard() });
  Template.fromStack(stack).resourceCountIs('AWS::SES::ContactList', 0);
  expect(mail.contactListName).toBeUndefined();
});

test('ContactList.fromContactListName: nothing created, the domain names the existing list', () => {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ contactList: ContactList.fromContactListName('Newsletter') }) });
  Template.fromStack(stack).resourceCountIs('AWS::SES::ContactList', 0);
  expect(mail.contactListName).toBe('Newsletter');
});

const SEND = ['ses:SendEmail', 'ses:SendRawEmail'];
const IDENTITY = arn(':ses:eu-west-1:123456789012:identity/', { Ref: 'MailIdentity4EC7C521' });
const SET = arn(':ses:eu-west-1:123456789012:configuration-set/', { Ref: 'MailDeliverabilityConfigurationSet3B60ED82' });

/** The statements of the role's policy after grantSendEmail. */
function grantStatements(contactList: ContactList | undefined, fromAddressInDomainOnly?: boolean): unknown[] {
  const { stack } = guardStack();
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ contactList }) });
  mail.grantSendEmail(new iam.Role(stack, 'Sender', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }), { fromAddressInDomainOnly });
  return propertiesOf(stack, 'AWS::IAM::Policy').map((p) => p.PolicyDocument.Statement);
}

test.each([
  ['a list the app creates', ContactList.create({ contactListName: 'news-list', topics: [NEWS] }), 'news-list'],
  ['an existing list', ContactList.fromContactListName('Newsletter'), 'Newsletter'],
])('grantSendEmail with %s: the identity, the configuration set and the contact list', (_, list, name) => {
  expect(grantStatements(list)).toEqual([[{
    Action: SEND, Effect: 'Allow', Resource: [IDENTITY, SET, arn(`:ses:eu-west-1:123456789012:contact-list/${name}`)],
  }]]);
});

test('grantSendEmail without a contact list: the identity and the configuration set only; fromAddressInDomainOnly keeps its condition with the list', () => {
  expect(grantStatements(undefined)).toEqual([[{ Action: SEND, Effect: 'Allow', Resource: [IDENTITY, SET] }]]);
  expect(grantStatements(ContactList.create(), true)).toEqual([[{
    Action: SEND,
    Effect: 'Allow',
    Resource: [IDENTITY, SET, arn(':ses:eu-west-1:123456789012:contact-list/verified-mail-domain')],
    Condition: { StringLike: { 'ses:FromAddress': '*@mail.example.org' } },
  }]]);
});

test('at the limits: 20 topics, names of 64 characters, a display name of 128 and descriptions of 500', () => {
  const { stack } = guardStack();
  const topics = Array.from({ length: 20 }, (_, i) => topic(`t${i}`));
  topics[0] = { topicName: 'a'.repeat(64), displayName: 'd'.repeat(128), description: 'x'.repeat(500), defaultSubscriptionStatus: SubscriptionStatus.OPT_OUT };
  domain(stack, 'Mail', {
    deliverability: Deliverability.guard({ contactList: ContactList.create({ contactListName: 'L'.repeat(64), description: 'y'.repeat(500), topics }) }),
  });
  const [list] = propertiesOf(stack, 'AWS::SES::ContactList');
  expect([list.ContactListName.length, list.Description.length, list.Topics.length, list.Topics[0].TopicName.length]).toEqual([64, 500, 20, 64]);
});

const NAME_RULE = 'letters, digits, underscores (_) or dashes (-)';

test.each([
  ['21 topics', () => ContactList.create({ topics: Array.from({ length: 21 }, (_, i) => topic(`t${i}`)) }),
    'ContactList.create topics must hold at most 20 topics (SES allows 20 in a contact list), got 21'],
  ['a topic name with a space', () => ContactList.create({ topics: [NEWS, topic('weekly news')] }),
    `ContactList.create topics[1] topicName must be 1-64 ${NAME_RULE} (SES topic names), got 'weekly news'`],
  ['a topic name of 65 characters', () => ContactList.create({ topics: [topic('a'.repeat(65))] }),
    `ContactList.create topics[0] topicName must be 1-64 ${NAME_RULE} (SES topic names), got '${'a'.repeat(65)}'`],
  ['an empty topic name', () => ContactList.create({ topics: [topic('')] }),
    `ContactList.create topics[0] topicName must be 1-64 ${NAME_RULE} (SES topic names), got ''`],
  ['a topic name twice', () => ContactList.create({ topics: [NEWS, OFFERS, { ...topic('news'), displayName: 'Other news' }] }),
    "ContactList.create topics[2] topicName 'news' is also the name of topics[0]: a send names its topic by name, so each topic needs its own"],
  ['a status that is not a SubscriptionStatus', () => ContactList.create({ topics: [{ ...NEWS, defaultSubscriptionStatus: 'OPTED_IN' as SubscriptionStatus }] }),
    "ContactList.create topics[0] defaultSubscriptionStatus must be one of SubscriptionStatus.OPT_IN, SubscriptionStatus.OPT_OUT, got 'OPTED_IN'"],
  ['no status', () => ContactList.create({ topics: [{ topicName: 'news', displayName: 'News' } as ContactListTopic] }),
    'ContactList.create topics[0] defaultSubscriptionStatus is required: SubscriptionStatus.OPT_IN or SubscriptionStatus.OPT_OUT'],
  ['a display name of 129 characters', () => ContactList.create({ topics: [{ ...NEWS, displayName: 'd'.repeat(129) }] }),
    `ContactList.create topics[0] displayName must be at most 128 characters (SES topic display names), got 129: '${'d'.repeat(129)}'`],
  ['a topic description of 501 characters', () => ContactList.create({ topics: [{ ...NEWS, description: 'x'.repeat(501) }] }),
    `ContactList.create topics[0] description must be at most 500 characters (SES topic descriptions), got 501: '${'x'.repeat(501)}'`],
  ['a list description of 501 characters', () => ContactList.create({ description: 'y'.repeat(501) }),
    `ContactList.create description must be at most 500 characters (SES contact list descriptions), got 501: '${'y'.repeat(501)}'`],
  ['a list name with a dot', () => ContactList.create({ contactListName: 'news.example' }),
    `ContactList.create contactListName must be 1-64 ${NAME_RULE} (SES contact list names), got 'news.example'`],
  ['a list name of 65 characters', () => ContactList.create({ contactListName: 'L'.repeat(65) }),
    `ContactList.create contactListName must be 1-64 ${NAME_RULE} (SES contact list names), got '${'L'.repeat(65)}'`],
  ['an existing list by a bad name', () => ContactList.fromContactListName('my list'),
    `ContactList.fromContactListName contactListName must be 1-64 ${NAME_RULE} (SES contact list names), got 'my list'`],
  ['an existing list by a number', () => ContactList.fromContactListName(7 as unknown as string),
    "ContactList.fromContactListName contactListName must be a string such as 'newsletter', got number 7"],
  ['topics that are not a list', () => ContactList.create({ topics: NEWS as unknown as ContactListTopic[] }),
    'ContactList.create topics must be a literal list of topics (its entries may hold tokens), got an object of class Object'],
  ['a topic that is a string', () => ContactList.create({ topics: ['news' as unknown as ContactListTopic] }),
    "ContactList.create topics[0] takes an options object such as { topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }, got string \"news\""],
  ['a misspelt topic option', () => ContactList.create({ topics: [{ ...NEWS, displayname: 'x' } as ContactListTopic] }),
    "ContactList.create topics[0] has no option 'displayname': did you mean 'displayName'? Options: topicName, displayName, description, defaultSubscriptionStatus"],
  ['options that are a string', () => ContactList.create('news' as unknown as ContactListOptions),
    "ContactList.create takes an options object such as { topics: [{ topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }] }, got string \"news\""],
  ['a topic that is undefined', () => ContactList.create({ topics: [NEWS, undefined as unknown as ContactListTopic] }),
    "ContactList.create topics[1] takes an options object such as { topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }, got undefined"],
  ['a topic name that is a number', () => ContactList.create({ topics: [{ ...NEWS, topicName: 7 as unknown as string }] }),
    "ContactList.create topics[0] topicName must be a string such as 'news', got number 7"],
  ['a display name that is a number', () => ContactList.create({ topics: [{ ...NEWS, displayName: 7 as unknown as string }] }),
    "ContactList.create topics[0] displayName must be a string such as 'Weekly news', got number 7"],
  ['a misspelt list option', () => ContactList.create({ topic: [NEWS] } as any),
    "ContactList.create has no option 'topic': did you mean 'topics'? Options: contactListName, description, topics"],
])('%s is refused', (_, make, message) => {
  expect(make).toThrow(new Error(message));
});

test('deliverability contactList of the wrong kind is refused naming the factories', () => {
  const { stack } = guardStack();
  expect(() => domain(stack, 'Mail', { deliverability: Deliverability.guard({ contactList: 'news' as unknown as ContactList }) }))
    .toThrow(new Error('deliverability contactList must be ContactList.create({ ... }) or ContactList.fromContactListName(name), got string "news"'));
});

test('tokens pass every check: names, display names, descriptions, statuses and two topics of one token name', () => {
  const { stack } = guardStack();
  const name = new CfnParameter(stack, 'ListName').valueAsString;
  const topicName = Lazy.string({ produce: () => 'news' });
  const text = new CfnParameter(stack, 'Text').valueAsString;
  const status = new CfnParameter(stack, 'Status').valueAsString as SubscriptionStatus;
  const list = ContactList.create({
    contactListName: name,
    description: text,
    topics: [{ topicName, displayName: text, description: text, defaultSubscriptionStatus: status }, { ...NEWS, topicName }],
  });
  const mail = domain(stack, 'Mail', { deliverability: Deliverability.guard({ contactList: list }) });
  expect(Token.isUnresolved(mail.contactListName)).toBe(true);
  expect(propertiesOf(stack, 'AWS::SES::ContactList')).toEqual([{
    ContactListName: { Ref: 'ListName' },
    Description: { Ref: 'Text' },
    Topics: [
      { TopicName: 'news', DisplayName: { Ref: 'Text' }, Description: { Ref: 'Text' }, DefaultSubscriptionStatus: { Ref: 'Status' } },
      { TopicName: 'news', DisplayName: 'Weekly news', DefaultSubscriptionStatus: 'OPT_IN' },
    ],
  }]);
  expect(() => ContactList.fromContactListName(name)).not.toThrow();
});
