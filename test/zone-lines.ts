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
