// The public API, named one by one: constructs, props, value classes, enums and interfaces, which jsii
// carries to every language. Free functions and constants stay in their modules: jsii skips them, so
// exported here they would be TypeScript-only. test/exports.test.ts holds this list to the assembly's.

// The construct and the records it publishes.
export { VerifiedMailDomain } from './verified-mail-domain';
export type { VerifiedMailDomainProps } from './verified-mail-domain';
export type { MailDnsRecord } from './records';
export { RecordRendering } from './route53-render';
export type { SendEmailGrantOptions } from './identity';

// Sending: DKIM, SPF, DMARC (and its reports) and the verification wait.
export { DkimSigning } from './sending/dkim';
export type { ByoDkimOptions } from './sending/dkim';
export { Spf, SpfAll } from './sending/spf';
export type { SpfOptions } from './sending/spf';
export { Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcPolicy } from './sending/dmarc';
export type { DmarcOptions } from './sending/dmarc';
export { DmarcReports } from './reports/dmarc-reports';
export { DmarcReportsMailbox } from './reports/mailbox';
export type { DmarcReportsOptions } from './reports/dmarc-reports';
export { VerificationWait } from './verification';
export type { VerificationWaitOptions } from './verification';

// Receiving: the MX and SES's receipt rule.
export { InboundMail } from './inbound-mail';
export type { MailServer } from './inbound-mail';
export type { SesEndpointOptions, SesReceivingOptions } from './receiving/receiving';
export { ReceivingAction } from './receiving/actions';
export type { S3ReceivingOptions } from './receiving/actions';
export { ReceiptRuleSetChoice } from './receiving/rule-sets';
export type { NewReceiptRuleSetOptions } from './receiving/rule-sets';
export { SesReceivingRegions } from './receiving/receiving-regions';

// Deliverability guardrails.
export { Deliverability } from './guardrails/deliverability';
export type { DeliverabilityGuardOptions } from './guardrails/deliverability';
export { SendingEventDestination } from './guardrails/event-destination';
export { VirtualDeliverabilityManager } from './guardrails/vdm';
export type { VirtualDeliverabilityManagerOptions } from './guardrails/vdm';
export { SendingTenant, TenantReputationPolicy } from './guardrails/tenant';
export type { SendingTenantOptions } from './guardrails/tenant';
export { ContactList, SubscriptionStatus } from './guardrails/contact-list';
export type { ContactListOptions, ContactListTopic } from './guardrails/contact-list';
