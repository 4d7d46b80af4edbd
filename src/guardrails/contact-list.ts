import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IConstruct } from 'constructs';
import {
  SES_CONTACT_LIST_DESCRIPTION_MAX, SES_CONTACT_LIST_NAME_MAX, SES_CONTACT_LIST_TOPICS_MAX, SES_TOPIC_DISPLAY_NAME_MAX,
} from '../limits';
import {
  checkKind, checkKnownKeys, checkMaxLength, checkOneOf, checkOptions, checkSesName, enumValues, knownKeys,
} from '../validation';
import { OnceAsk, onceDisagreements, requestOnce } from './once';

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
   * Asks for the list for `domain`; makes it when it is the first ask of the environment.
   * @internal
   */
  public abstract _request(domain: Construct): ContactListUse;
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
/** The kind of the contact list among the resources made once per environment (once.ts): one per environment, any name. */
const KIND = 'contactList';

/** What an ask for the environment's contact list carries besides its settings. */
interface ListDetail {
  readonly listName: string;
  /** True for a list the app does not create (`fromContactListName`). */
  readonly existing: boolean;
}

abstract class BaseList extends ContactList {
  constructor(protected readonly name: string, private readonly topicNames: string[], private readonly existing: boolean) {
    super();
  }

  public _request(domain: Construct): ContactListUse {
    const detail: ListDetail = { listName: this.name, existing: this.existing };
    const request = { kind: KIND, name: '', owner: domain.node.path, settings: this.settings(), detail };
    const render = this.render();
    const once = render ? requestOnce(domain, request, () => {
      const list = new Construct(Stack.of(domain), CONTACT_LIST_ID);
      render(list);
      return list;
    }) : requestOnce(domain, request);
    if (once && !once.first) warnOtherStack(domain, once.construct, once.made, request.settings);
    return { name: this.name, topics: this.topicNames, existing: this.existing };
  }

  protected abstract settings(): string;
  /** What makes the list in its scope, for the environment's first ask (none for a list the account has). */
  protected abstract render(): ((scope: Construct) => void) | undefined;
}

/**
 * A later ask for the list made by another stack gets a warning, since the list moves when the first
 * one goes. (An ask for another list is the app-wide check's error, contactListAppErrors.)
 */
function warnOtherStack(domain: Construct, made: IConstruct, first: OnceAsk, settings: string): void {
  const holder = Stack.of(made);
  if (holder === Stack.of(domain) || first.settings !== settings) return;
  Annotations.of(domain).addWarningV2('cdk-verified-mail-domain:contactListInOtherStack',
    `The SES contact list '${(first.detail as ListDetail).listName}' this domain uses is made in stack ${holder.node.path}, for ${first.owner} (the first domain of `
    + `${first.env.label} that asks for it). If that domain goes, or a domain of another stack that asks is constructed before it, the list moves, and the `
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

  protected render(): (scope: Construct) => void {
    return (scope) => new ses.CfnContactList(scope, 'Resource', {
      contactListName: this.name,
      description: this.description,
      topics: this.topics.map((t) => ({
        topicName: t.topicName, displayName: t.displayName, description: t.description, defaultSubscriptionStatus: t.defaultSubscriptionStatus,
      })),
    });
  }
}

class ExistingList extends BaseList {
  constructor(name: string) {
    super(name, [], true);
  }

  protected settings(): string {
    return `the existing contact list '${this.name}'`;
  }

  protected render(): undefined {
    return undefined; // Nothing to make: the account already has the list.
  }
}

/**
 * One message per domain whose contact list is not the one of its environment: the list made there, or,
 * when none is, the first existing list asked for. An ask for an existing list by the made list's name is
 * the same list.
 */
export function contactListAppErrors(scope: IConstruct): Array<{ subject: IConstruct; message: string }> {
  const sameList = (made: OnceAsk, asked: OnceAsk) => made.settings === asked.settings
    || ((asked.detail as ListDetail).existing && (made.detail as ListDetail).listName === (asked.detail as ListDetail).listName);
  return onceDisagreements(scope, KIND, sameList).map(({ made, asked }) => ({
    subject: asked.subject,
    message: `SES allows one contact list per account and region, and ${made.owner} asks for ${made.settings} in ${asked.env.label}, but ${asked.owner} `
      + `asks for ${asked.settings}. Give every domain of the account and region the same contactList (ContactList.create with the same options, or `
      + `ContactList.fromContactListName('${(made.detail as ListDetail).listName}'))`,
  }));
}
