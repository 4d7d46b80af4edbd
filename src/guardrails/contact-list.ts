import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import { environmentOf } from '../app-keys';
import {
  SES_CONTACT_LIST_DESCRIPTION_MAX, SES_CONTACT_LIST_NAME_MAX, SES_CONTACT_LIST_TOPICS_MAX, SES_TOPIC_DISPLAY_NAME_MAX,
} from '../limits';
import {
  checkKind, checkKnownKeys, checkMaxLength, checkOneOf, checkOptions, checkSesName, enumValues, knownKeys,
} from '../validation';

// One-click unsubscribe: SES's contact list (AWS::SES::ContactList) with its topics. When a message is
// sent with ListManagementOptions naming the list (and a topic), SES adds the List-Unsubscribe and
// List-Unsubscribe-Post headers (RFC 8058), hosts the unsubscribe endpoint, records the opt-out in the
// list and bounces later sends to that contact (SES developer guide, "Using subscription management").
//
// SES allows one contact list per account and region ("Using list management"), so the list is made
// once per environment app-wide: the first domain (in construction order) that asks makes it at the top
// of its stack; later domains that ask for the same list share it; app-checks.ts reports a domain that
// asks for another one. Its name is a literal by default, so that domains in other stacks name it
// without a cross-stack reference.

/** Whether a contact who has not chosen gets a topic's mail. */
export enum SubscriptionStatus {
  /** Subscribed until the contact unsubscribes. */
  OPT_IN = 'OPT_IN',
  /** Not subscribed until the contact subscribes. */
  OPT_OUT = 'OPT_OUT',
}

/** One topic of a contact list: a kind of mail a contact can unsubscribe from on its own. */
export interface ContactListTopic {
  /** The topic's name, the `TopicName` of `ListManagementOptions`: 1-64 letters, digits, `_` or `-`. */
  readonly topicName: string;
  /** The name contacts see on SES's unsubscribe page: at most 128 characters. */
  readonly displayName: string;
  /**
   * What the topic is about, which contacts see: at most 500 characters.
   * @default - none
   */
  readonly description?: string;
  /** Whether a contact who has not chosen gets the topic's mail. */
  readonly defaultSubscriptionStatus: SubscriptionStatus;
}

/** Options of `ContactList.create`. */
export interface ContactListOptions {
  /**
   * The list's name, the `ContactListName` of `ListManagementOptions`: 1-64 letters, digits, `_` or `-`.
   * Changing it replaces the list: CloudFormation creates the new one first, which SES refuses (one contact
   * list per account and region), and deleting a list deletes its contacts and their opt-outs. To rename,
   * deploy once without the list, then with the new name.
   * @default 'verified-mail-domain'
   */
  readonly contactListName?: string;
  /**
   * What the list is about: at most 500 characters.
   * @default - none
   */
  readonly description?: string;
  /**
   * The list's topics, at most 20.
   * @default - none: a contact unsubscribes from the whole list
   */
  readonly topics?: ContactListTopic[];
}

const OPTION_KEYS = knownKeys<ContactListOptions>({ contactListName: true, description: true, topics: true });
const TOPIC_KEYS = knownKeys<ContactListTopic>({ topicName: true, displayName: true, description: true, defaultSubscriptionStatus: true });
const DEFAULT_NAME = 'verified-mail-domain';

/** The contact list a guarded domain sends with, as the domain and the metadata see it. */
export interface ContactListUse {
  readonly name: string;
  readonly topics: string[];
  /** True for a list the app does not create (`fromContactListName`). */
  readonly existing: boolean;
}

/**
 * SES's contact list for one-click unsubscribe, one per account and region: made by the construct, or one
 * the account already has.
 */
export abstract class ContactList {
  /**
   * A contact list made by the construct, once per account and region however many domains and stacks
   * ask for it: every domain of the environment that asks must ask with the same options.
   */
  public static create(options: ContactListOptions = {}): ContactList {
    checkOptions('ContactList.create', options, "{ topics: [{ topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }] }");
    checkKnownKeys('ContactList.create', options, OPTION_KEYS);
    const name = options.contactListName ?? DEFAULT_NAME;
    checkSesName('ContactList.create contactListName', name, SES_CONTACT_LIST_NAME_MAX, 'SES contact list names');
    checkMaxLength('ContactList.create description', options.description, SES_CONTACT_LIST_DESCRIPTION_MAX, 'SES contact list descriptions');
    return new CreatedList(name, options.description, checkTopics(options.topics));
  }

  /** The contact list the account already has in the region, by name: nothing is created. */
  public static fromContactListName(contactListName: string): ContactList {
    checkKind('ContactList.fromContactListName contactListName', contactListName, typeof contactListName === 'string', "a string such as 'newsletter'");
    checkSesName('ContactList.fromContactListName contactListName', contactListName, SES_CONTACT_LIST_NAME_MAX, 'SES contact list names');
    return new ExistingList(contactListName);
  }

  /**
   * Asks for the list for `domain`, from `guard`; makes it when it is the first ask of the environment.
   * @internal
   */
  public abstract _request(domain: Construct, guard: Construct): ContactListUse;
}

/** Each topic's props, the count, and no topic name twice; returns the topics (a list token is refused). */
function checkTopics(topics: ContactListTopic[] | undefined): ContactListTopic[] {
  if (topics === undefined) return [];
  const prop = 'ContactList.create topics';
  checkKind(prop, topics, Array.isArray(topics) && !Token.isUnresolved(topics), 'a literal list of topics (its entries may hold tokens)');
  // SES list management: "A list can have a maximum of 20 topics" (limits.ts).
  if (topics.length > SES_CONTACT_LIST_TOPICS_MAX) {
    throw new Error(`${prop} must hold at most ${SES_CONTACT_LIST_TOPICS_MAX} topics (SES allows ${SES_CONTACT_LIST_TOPICS_MAX} in a contact list), got ${topics.length}`);
  }
  const seen = new Map<string, number>();
  topics.forEach((topic, i) => {
    const at = `${prop}[${i}]`;
    checkOptions(at, topic, "{ topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN }", true);
    checkKnownKeys(at, topic, TOPIC_KEYS);
    checkKind(`${at} topicName`, topic.topicName, typeof topic.topicName === 'string', "a string such as 'news'");
    checkSesName(`${at} topicName`, topic.topicName, SES_CONTACT_LIST_NAME_MAX, 'SES topic names');
    checkKind(`${at} displayName`, topic.displayName, typeof topic.displayName === 'string', "a string such as 'Weekly news'");
    checkMaxLength(`${at} displayName`, topic.displayName, SES_TOPIC_DISPLAY_NAME_MAX, 'SES topic display names');
    checkMaxLength(`${at} description`, topic.description, SES_CONTACT_LIST_DESCRIPTION_MAX, 'SES topic descriptions');
    const status = enumValues('SubscriptionStatus', SubscriptionStatus);
    if (topic.defaultSubscriptionStatus === undefined) {
      throw new Error(`${at} defaultSubscriptionStatus is required: ${Object.keys(status.members).map((m) => `SubscriptionStatus.${m}`).join(' or ')}`);
    }
    checkOneOf(`${at} defaultSubscriptionStatus`, topic.defaultSubscriptionStatus, status);
    // A send names its topic by TopicName (ListManagementOptions), so a name can stand for one topic only.
    if (Token.isUnresolved(topic.topicName)) return;
    const first = seen.get(topic.topicName);
    if (first !== undefined) {
      throw new Error(`${at} topicName '${topic.topicName}' is also the name of topics[${first}]: a send names its topic by name, so each topic needs its own`);
    }
    seen.set(topic.topicName, i);
  });
  return [...topics];
}

/** The id of the contact list at the top of the stack that holds it. */
const CONTACT_LIST_ID = 'VerifiedMailDomainContactList';
/** On the made list's construct: its ask. On a guard construct: its asks (a shared guard has several). */
const MADE = Symbol.for('cdk-verified-mail-domain.contactList');
const ASKS = Symbol.for('cdk-verified-mail-domain.contactListAsks');

/** One ask for the environment's contact list, as the app-wide check compares them. */
export interface ContactListAsk {
  readonly env: { key: string; label: string };
  readonly owner: string;
  /** The domain that asks, which an error is reported on (a guard may be shared by several). */
  readonly domain: IConstruct;
  readonly name: string;
  readonly existing: boolean;
  /** The list as messages name it and asks are compared. */
  readonly settings: string;
}

abstract class BaseList extends ContactList {
  constructor(protected readonly name: string, private readonly topicNames: string[], private readonly existing: boolean) {
    super();
  }

  public _request(domain: Construct, guard: Construct): ContactListUse {
    const ask: ContactListAsk = {
      env: environmentOf(Stack.of(domain)), owner: domain.node.path, domain, name: this.name, existing: this.existing, settings: this.settings(),
    };
    (guard as any)[ASKS] = [...(guard as any)[ASKS] ?? [], ask];
    this.make(domain, ask);
    return { name: this.name, topics: this.topicNames, existing: this.existing };
  }

  protected abstract settings(): string;
  /** Makes the list for the environment's first ask (nothing for a list the account has). */
  protected abstract make(domain: Construct, ask: ContactListAsk): void;
}

/**
 * The first ask of the environment makes the list, with `render`, at the top of its stack; a later ask
 * for the same list from another stack gets a warning, since the list moves when the first one goes.
 */
function makeOnce(domain: Construct, ask: ContactListAsk, render: (scope: Construct) => void): void {
  const made = domain.node.root.node.findAll().find((c) => (c as any)[MADE]?.env.key === ask.env.key);
  if (!made) {
    const list = new Construct(Stack.of(domain), CONTACT_LIST_ID);
    render(list);
    (list as any)[MADE] = ask;
    return;
  }
  const holder = Stack.of(made);
  if (holder === Stack.of(domain) || (made as any)[MADE].settings !== ask.settings) return;
  Annotations.of(domain).addWarningV2('cdk-verified-mail-domain:contactListInOtherStack',
    `The SES contact list '${ask.name}' this domain uses is made in stack ${holder.node.path}, for ${(made as any)[MADE].owner} (the first domain of `
    + `${ask.env.label} that asks for it). If that domain goes, or a domain of another stack that asks is constructed before it, the list moves, and the `
    + 'deploy fails (the new stack creates it while the old one still holds it: one contact list per account and region). Keep that domain first');
}

class CreatedList extends BaseList {
  constructor(name: string, private readonly description: string | undefined, private readonly topics: ContactListTopic[]) {
    super(name, topics.map((t) => t.topicName), false);
  }

  protected settings(): string {
    const topics = this.topics.map((t) => `${t.topicName} (${JSON.stringify(t.displayName)}, ${t.defaultSubscriptionStatus}`
      + `${t.description === undefined ? '' : `, ${JSON.stringify(t.description)}`})`);
    return `a new contact list '${this.name}'${this.description === undefined ? '' : ` (${JSON.stringify(this.description)})`}`
      + ` with ${topics.length ? `topics ${topics.join(', ')}` : 'no topics'}`;
  }

  protected make(domain: Construct, ask: ContactListAsk): void {
    makeOnce(domain, ask, (scope) => new ses.CfnContactList(scope, 'Resource', {
      contactListName: this.name,
      description: this.description,
      topics: this.topics.map((t) => ({
        topicName: t.topicName, displayName: t.displayName, description: t.description, defaultSubscriptionStatus: t.defaultSubscriptionStatus,
      })),
    }));
  }
}

class ExistingList extends BaseList {
  constructor(name: string) {
    super(name, [], true);
  }

  protected settings(): string {
    return `the existing contact list '${this.name}'`;
  }

  protected make(): void {
    // Nothing: the account already has the list.
  }
}

/** The contact lists made and asked for in the app. */
export function contactListsOf(constructs: IConstruct[]): { made: ContactListAsk[]; asked: ContactListAsk[] } {
  const made: ContactListAsk[] = [];
  const asked: ContactListAsk[] = [];
  for (const c of constructs) {
    if ((c as any)[MADE]) made.push((c as any)[MADE]);
    asked.push(...(c as any)[ASKS] ?? []);
  }
  return { made, asked };
}
