// The zones the example's SPF includes resolve through (include:amazonses.com, include:_spf.google.com), with
// sample addresses, for a local BIND that answers every name the check command asks: the README's check
// demo and the deploy test serve them beside the example's own zone.
import { Zone } from './bind-server';

export const SPF_INCLUDE_ZONES: Zone[] = [
  { origin: 'amazonses.com', records: ['amazonses.com. 300 IN TXT "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all"'] },
  {
    origin: 'google.com',
    records: ['_spf.google.com. 300 IN TXT "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all"',
      '_netblocks.google.com. 300 IN TXT "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all"', '_netblocks2.google.com. 300 IN TXT "v=spf1 ip6:2001:4860:4000::/36 ~all"', '_netblocks3.google.com. 300 IN TXT "v=spf1 ip4:172.217.0.0/19 ~all"'],
  },
];
