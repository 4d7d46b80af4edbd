// Zone-file lines of the records a synthesized template writes into Route53 (record sets and
// record-set groups with literal names), as the zone would serve them after deploy. Shared by the
// check demo and the package check, which serve them from a real BIND.

/** `name ttl IN type value` for every literal record of the template; MX hosts made absolute. */
export function templateZoneLines(template: any): string[] {
  const sets = Object.values<any>(template.Resources ?? {}).flatMap((r) => {
    if (r.Type === 'AWS::Route53::RecordSetGroup') return r.Properties.RecordSets;
    if (r.Type === 'AWS::Route53::RecordSet') return [r.Properties];
    return [];
  });
  return sets.filter((s: any) => typeof s.Name === 'string')
    .flatMap((s: any) => s.ResourceRecords.filter((v: unknown) => typeof v === 'string')
      .map((v: string) => `${s.Name} ${s.TTL} IN ${s.Type} ${s.Type === 'MX' && !v.endsWith('.') ? `${v}.` : v}`));
}

/**
 * The outputs of a template as `cdk deploy --outputs-file` would write them: every Easy DKIM attribute
 * (`DkimDNSTokenName<n>`, `DkimDNSTokenValue<n>` of an identity) replaced by `token(n, domain)`'s record.
 */
export function deployedOutputs(template: any, token: (n: number, domain: string) => string): Record<string, string> {
  const domains: Record<string, string> = {};
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    if (r.Type === 'AWS::SES::EmailIdentity') domains[id] = r.Properties.EmailIdentity;
  }
  const resolve = (value: any): string => {
    if (typeof value === 'string') return value;
    return value['Fn::Join'][1].map((part: any) => {
      if (typeof part === 'string') return part;
      const [id, attribute] = part['Fn::GetAtt'];
      const [, kind, n] = attribute.match(/^DkimDNSToken(Name|Value)(\d)$/);
      const tok = token(Number(n), domains[id]);
      return kind === 'Name' ? `${tok}._domainkey.${domains[id]}` : `${tok}.dkim.amazonses.com`;
    }).join('');
  };
  return Object.fromEntries(Object.entries<any>(template.Outputs ?? {}).map(([key, o]) => [key, resolve(o.Value)]));
}
