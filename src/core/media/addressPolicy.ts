import { BlockList, isIP } from 'node:net';

/**
 * Which addresses media pre-flight may fetch from. LINE's servers fetch media from the internet: a URL that leads
 * to a private, loopback or link-local address cannot work for LINE, and fetching it from a developer's machine
 * would reach into their own network. Cloud metadata services are never fetched, whatever the settings.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; kind: 'private-address' | 'metadata-address'; detail: string };

const metadataAddresses = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23', '100.100.100.200', '168.63.129.16', 'fd00:ec2::254']);

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:10.0.0.1), which connects to the IPv4 one. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}

export function judgeAddress(address: string, allowPrivate: boolean): AddressVerdict {
  const plain = unmapped(address.replace(/^\[|\]$/g, '').toLowerCase());
  const family = isIP(plain);
  if (family === 0) return { allowed: true };
  if (metadataAddresses.has(plain)) return { allowed: false, kind: 'metadata-address', detail: `${plain} is a cloud metadata service` };
  if (!allowPrivate && privateRanges.check(plain, family === 4 ? 'ipv4' : 'ipv6')) {
    return { allowed: false, kind: 'private-address', detail: `${plain} is a private, loopback or link-local address` };
  }
  return { allowed: true };
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to its addresses; injectable so that tests can simulate any address without a network. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
