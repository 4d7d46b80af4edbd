// Every limit of DNS, SPF, Route53, CloudFormation and SES that the construct and the command check, each with its
// source and what it says: the one place a limit is written. Plain constants, no aws-cdk-lib, so the command
// shares them (the checks that use them: limit-checks.ts, sending/spf.ts, sending/spf-parser.ts, validation.ts, command/check/).


/**
 * RFC 1035 section 2.3.4: a name is at most 255 octets on the wire, which is 253 characters in text
 * form without the trailing dot (Route53's own `Name` limit, 1,024, counts escapes and is looser).
 */
export const DNS_NAME_MAX = 253;
/** RFC 1035 section 2.3.4: a label is at most 63 octets. */
export const DNS_LABEL_MAX = 63;
/**
 * RFC 1035 section 3.3: a TXT record's data is one or more character-strings of at most 255 octets each; a longer
 * text is split into several strings, which readers join with no separator (RFC 7208 section 3.3).
 */
export const TXT_STRING_MAX = 255;
/**
 * RFC 7208 section 4.6.4: at most 10 DNS-querying terms (include, a, mx, ptr, exists, redirect=) in one SPF
 * evaluation, counted across nested includes and redirects; more is a permerror.
 */
export const SPF_MAX_LOOKUPS = 10;
/** RFC 7208 section 4.6.4: receivers should allow at most 2 void lookups (nxdomain or nodata) in one evaluation. */
export const SPF_MAX_VOID_LOOKUPS = 2;
/** RFC 7208 section 4.6.4: at most 10 MX hosts looked up for one mx mechanism; more is a permerror. */
export const SPF_MAX_MX_HOSTS = 10;
/**
 * RFC 7208 section 3.4: the whole DNS answer should fit in 512 octets (UDP without EDNS), which leaves about 450
 * octets for the record; past that, some receivers get a truncated answer and fail it. The construct warns.
 */
export const SPF_WARN_LENGTH = 450;
/** RFC 5321 section 4.5.3.1.1: the local part of a mail address (before '@') is at most 64 octets. */
export const MAIL_LOCAL_PART_MAX = 64;
/**
 * Route53 API reference, `ResourceRecord.Value`: "Maximum length of 4000" characters, the quotes and
 * spaces of a TXT value's strings included.
 */
export const ROUTE53_VALUE_MAX = 4000;
/**
 * Route53 developer guide, DNS limitations: "The sum of the number of characters (including spaces) in
 * all Value elements in a request cannot exceed 32,000 characters", and an UPSERT counts each character
 * twice. CloudFormation sends one record set per change request.
 */
export const ROUTE53_RECORD_SET_MAX = 32000;
/** Route53 developer guide, DNS limitations: at most 1,000 ResourceRecord elements in one change request. */
export const ROUTE53_MAX_RECORDS_PER_CHANGE = 1000;
/**
 * Domains whose records share one record output, a choice within CloudFormation's quotas (500 resources, 200 outputs
 * a template): 500 domains need 63 of the 200 outputs.
 */
export const DOMAINS_PER_OUTPUT = 8;
/** CloudFormation quotas, "Template body size in an Amazon S3 object": 1 MB. */
export const CFN_MAX_TEMPLATE_BYTES = 1000000;
/** CloudFormation quotas, "Outputs: maximum number of outputs that you can declare in your template": 200. */
export const CFN_MAX_OUTPUTS = 200;
/*
 * SES developer guide, "Service quotas in Amazon SES", email receiving quotas (none adjustable):
 * https://docs.aws.amazon.com/ses/latest/dg/quotas.html. Older editions of the guide said 100 recipients
 * per rule; the quotas page now says 500.
 */
/** SES receiving quota (the page above): recipients (addresses and domains) of one receipt rule. */
export const SES_RECIPIENTS_PER_RULE = 500;
/** SES receiving quota (the page above): actions of one receipt rule. */
export const SES_ACTIONS_PER_RULE = 10;
/** SES receiving quota (the page above): receipt rules in one rule set. */
export const SES_RULES_PER_RULE_SET = 200;
/** SES receiving quota (the page above): receipt rule sets of an account in one region. */
export const SES_RULE_SETS_PER_ACCOUNT = 40;
/**
 * An Easy DKIM token, the first label of `DkimDNSTokenName1..3`, is 32 characters: no AWS page states
 * the length, but every token SES issues and the AWS CLI reference's `verify-domain-dkim` example have 32.
 */
export const EASY_DKIM_TOKEN_LENGTH = 32;

/**
 * SES API reference, `ConfigurationSet.Name`: "Contain only letters (a-z, A-Z), numbers (0-9),
 * underscores (_), or dashes (-)" and "Contain 64 characters or fewer".
 */
export const SES_CONFIGURATION_SET_NAME_MAX = 64;

/**
 * SES API reference, `CreateTenant`: the name "can contain up to 64 alphanumeric characters, including
 * letters, numbers, hyphens (-) and underscores (_) only"; the CloudFormation registry schema of
 * AWS::SES::Tenant: `TenantName` minLength 1, maxLength 64, pattern `^[\w\-_]+$`, create-only.
 */
export const SES_TENANT_NAME_MAX = 64;
/*
 * SES list management: CloudFormation template reference, AWS::SES::ContactList and its Topic
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-contactlist.html):
 * ContactListName and TopicName "Pattern: ^[a-zA-Z0-9_-]{1,64}$"; the list's and a topic's Description
 * "Maximum: 500"; DisplayName "Maximum: 128"; Topics "Maximum: 20", as the SES developer guide, "Using list
 * management", says too ("A list can have a maximum of 20 topics"; "Only one contact list is allowed per AWS
 * account").
 */
/** SES list management (the pages above): at most 20 topics in a contact list. */
export const SES_CONTACT_LIST_TOPICS_MAX = 20;
/** AWS::SES::ContactList `ContactListName` and Topic `TopicName` (the pages above): 1-64 letters, digits, `_`, `-`. */
export const SES_CONTACT_LIST_NAME_MAX = 64;
/** AWS::SES::ContactList Topic `DisplayName` (the pages above): at most 128 characters. */
export const SES_TOPIC_DISPLAY_NAME_MAX = 128;
/** AWS::SES::ContactList `Description` and Topic `Description` (the pages above): at most 500 characters. */
export const SES_CONTACT_LIST_DESCRIPTION_MAX = 500;
