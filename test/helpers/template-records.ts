// Reading a synthesized template the way Route53 and DNS see it: its record sets, whether single
// resources or entries of record-set groups; their zone-file lines; its outputs after a deploy. The one
// reader the tests, the template invariants, the check demo, the package check and the bench share.

/** One record set of a template: an `AWS::Route53::RecordSet`, or one entry of a `RecordSetGroup` (zone from the group). */
export interface TemplateRecordSet {
  /** The logical id, or `<group id>[<index>]` for a group's entry. */
  readonly key: string;
  readonly Name: any;
  readonly Type: string;
  readonly ResourceRecords: any[];
  readonly TTL?: string;
  readonly SetIdentifier?: unknown;
  readonly HostedZoneId?: unknown;
  readonly HostedZoneName?: unknown;
}

/** Every record set of the template, in resource order. */
export function templateRecordSets(template: any): TemplateRecordSet[] {
  return Object.entries<any>(template.Resources ?? {}).flatMap(([id, r]) => {
    const p = r.Properties ?? {};
    const set = (key: string, s: any): TemplateRecordSet => ({
      key,
      Name: s.Name,
      Type: s.Type,
      ResourceRecords: s.ResourceRecords ?? [],
      TTL: s.TTL,
      SetIdentifier: s.SetIdentifier,
      HostedZoneId: s.HostedZoneId ?? p.HostedZoneId,
      HostedZoneName: s.HostedZoneName ?? p.HostedZoneName,
    });
    if (r.Type === 'AWS::Route53::RecordSet') return [set(id, p)];
    if (r.Type === 'AWS::Route53::RecordSetGroup') return (p.RecordSets ?? []).map((s: any, i: number) => set(`${id}[${i}]`, s));
    return [];
  });
}

/** `name ttl IN type value` for every literal record of the template, as the zone serves it after deploy; MX hosts made absolute. */
export function templateZoneLines(template: any): string[] {
  return templateRecordSets(template).filter((s) => typeof s.Name === 'string')
    .flatMap((s: any) => s.ResourceRecords.filter((v: unknown) => typeof v === 'string')
      .map((v: string) => `${s.Name} ${s.TTL} IN ${s.Type} ${s.Type === 'MX' && !v.endsWith('.') ? `${v}.` : v}`));
}

/**
 * A resolver of the template's values as CloudFormation evaluates them after deploy: a string as it is, an
 * Easy DKIM attribute (`Fn::GetAtt` of `DkimDNSTokenName<n>` / `DkimDNSTokenValue<n>` of an identity) as
 * `token(n, domain)`'s record name or value, and `Fn::Join` of those.
 */
export function easyDkimResolver(template: any, token: (n: number, domain: string) => string): (value: any) => string {
  const domains: Record<string, string> = {};
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    if (r.Type === 'AWS::SES::EmailIdentity') domains[id] = r.Properties.EmailIdentity;
  }
  const resolve = (value: any): string => {
    if (typeof value === 'string') return value;
    if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
    const [id, attribute] = value['Fn::GetAtt'];
    const [, kind, n] = attribute.match(/^DkimDNSToken(Name|Value)(\d)$/);
    const tok = token(Number(n), domains[id]);
    return kind === 'Name' ? `${tok}._domainkey.${domains[id]}` : `${tok}.dkim.amazonses.com`;
  };
  return resolve;
}

/**
 * The outputs of a template as `cdk deploy --outputs-file` would write them: every Easy DKIM attribute
 * (`DkimDNSTokenName<n>`, `DkimDNSTokenValue<n>` of an identity) replaced by `token(n, domain)`'s record.
 */
export function deployedOutputs(template: any, token: (n: number, domain: string) => string): Record<string, string> {
  const resolve = easyDkimResolver(template, token);
  return Object.fromEntries(Object.entries<any>(template.Outputs ?? {}).map(([key, o]) => [key, resolve(o.Value)]));
}
