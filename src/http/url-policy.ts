import { lookup } from 'node:dns/promises';
import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The one rule for every URL a run fetches (the catalog, channel APIs, token endpoints), checked
 * on the first URL and again on every redirect hop, before anything connects:
 * - http or https only; a hop from https never goes down to plain http;
 * - a loopback, private, link-local (169.254.169.254: cloud metadata) or otherwise internal
 *   address only when the configuration names that origin itself (a test server, an intranet
 *   PIM); a redirect or a DNS answer cannot reach one the configuration did not name;
 * - plain http only to a loopback origin the configuration names; everything remote is https.
 * The addresses checked are the ones connected to (the lookup is pinned), so a second DNS answer
 * cannot swap in an internal address after the check.
 */

/** Resolves a host name to every address it has; default `dns.lookup` with `all: true`. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface UrlPolicyOptions {
  /** URLs the configuration names itself (catalog.path, endpoint, token_endpoint): their origins may be internal; default none. */
  named?: readonly string[];
  /** Host name resolver; default the system's (`dns.lookup`). Tests inject one, so a refusal needs no network. */
  resolve?: Resolve;
}

/** A URL the policy refused: `reason` says which rule, `url` is shown without query or credentials. */
export class UrlRefusedError extends Error {
  readonly url: string;
  readonly reason: string;
  readonly code = 'URL_REFUSED';
  constructor(url: URL | string, reason: string) {
    const shown = shownUrl(url);
    super(`${shown}: ${reason}`);
    this.name = 'UrlRefusedError';
    this.url = shown;
    this.reason = reason;
  }
}

/** `net.connect`'s `lookup` signature, as got takes it (`dnsLookup`). */
export type PinnedLookup = (hostname: string, options: LookupOneOptions | { all?: boolean; family?: number }, callback: (...args: any[]) => void) => void;

export interface CheckedUrl {
  url: URL;
  /** Answers with the addresses that were checked, and only those. */
  lookup: PinnedLookup;
}

export interface UrlPolicy {
  /** Checks one URL; `from` is the URL whose redirect led here. Throws UrlRefusedError. */
  check(location: string | URL, from?: URL): Promise<CheckedUrl>;
  /** Checks the target of a redirect (`Location` resolved against `from`). */
  redirect(location: string, from: URL): Promise<CheckedUrl>;
}

/** Redirect hops followed before a request is refused (browsers use about 20, curl 50; feeds need a few). */
export const MAX_REDIRECTS = 10;

const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3],
] as const) INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) INTERNAL.addSubnet(net, bits, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address mapped into IPv6 (`::ffff:a9fe:a9fe`, `::ffff:169.254.169.254`) as IPv4. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
  if (m[1]) return { address: m[1], family: 'ipv4' };
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 'ipv4' };
}

export const isInternalAddress = (address: string): boolean => {
  const a = unmapped(address);
  return INTERNAL.check(a.address, a.family);
};
const isLoopbackAddress = (address: string): boolean => {
  const a = unmapped(address);
  return LOOPBACK.check(a.address, a.family);
};

function shownUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'the URL';
  }
}

const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

function pinned(addresses: LookupAddress[]): PinnedLookup {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined;
    const list = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (list.length === 0) {
      callback(Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' }));
      return;
    }
    if (typeof options === 'object' && options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

export function createUrlPolicy(options: UrlPolicyOptions = {}): UrlPolicy {
  const resolve = options.resolve ?? systemResolve;
  const named = new Set<string>();
  for (const n of options.named ?? []) {
    try {
      named.add(new URL(n).origin);
    } catch {
      // A named value that is no URL names no origin; its own check reports it.
    }
  }

  async function check(location: string | URL, from?: URL): Promise<CheckedUrl> {
    let url: URL;
    try {
      url = typeof location === 'string' ? new URL(location) : location;
    } catch {
      throw new UrlRefusedError(String(location), 'is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UrlRefusedError(url, `${url.protocol} URLs are not fetched (https only)`);
    if (from?.protocol === 'https:' && url.protocol === 'http:') throw new UrlRefusedError(url, `the redirect from ${shownUrl(from)} goes down from https to plain http`);
    const isNamed = named.has(url.origin);
    const plainHttp = 'plain http is used only for a loopback host the configuration names; use https';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // Refused before any lookup: plain http to a remote name never needs resolving to be told no.
    if (url.protocol === 'http:' && !isIP(host) && host !== 'localhost') throw new UrlRefusedError(url, plainHttp);
    const addresses: LookupAddress[] = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
    const internal = addresses.find((a) => isInternalAddress(a.address));
    if (internal && !isNamed) {
      const via = from ? ` (redirected from ${shownUrl(from)})` : '';
      throw new UrlRefusedError(url, `${host === internal.address ? 'is' : `resolves to ${internal.address},`} a loopback, private or link-local address that the configuration does not name${via}`);
    }
    if (url.protocol === 'http:' && !(isNamed && addresses.every((a) => isLoopbackAddress(a.address)))) throw new UrlRefusedError(url, plainHttp);
    return { url, lookup: pinned(addresses) };
  }

  return {
    check,
    redirect: async (location, from) => {
      let next: URL;
      try {
        next = new URL(location, from);
      } catch {
        throw new UrlRefusedError(from, `redirects to an invalid URL`);
      }
      return check(next, from);
    },
  };
}
