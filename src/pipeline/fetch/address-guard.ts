import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The only IPv6 block IANA allocates for global unicast. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Raised inside the connect-time DNS lookup when a name resolves to a non-public address (the message is the address). */
export class BlockedAddressError extends Error {}

/** True for public unicast addresses; IPv4-mapped IPv6 is judged as the IPv4 it carries. */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
}

/**
 * Refuses, before any traffic, IP-literal hosts outside public unicast space (Node skips the lookup for
 * those) and `localhost` and `*.localhost` names, with or without the trailing dot (loopback by RFC 6761,
 * yet a resolver may not know `localhost.`): returns the refused address (or `loopback`), null when the
 * host may be tried. Every other name is checked by `guardedLookup` at connect time. Feed fetches and
 * webhook deliveries (decision 030) share it.
 */
export function nonPublicHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0 && !isPublicAddress(host)) return host;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  return null;
}

/** DNS lookup used at connect time, so the checked address is the one connected to (no rebinding). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
    if (blocked) return callback(new BlockedAddressError(blocked.address), '');
    const first = addresses[0];
    if (options.all) return callback(null, addresses);
    if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '');
    return callback(null, first.address, first.family);
  });
};
