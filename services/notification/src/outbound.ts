import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

export type Resolved = { address: string; family: number };
/** Host name → addresses; the system's resolver (getaddrinfo, so /etc/hosts too) unless a test gives another. */
export type Resolver = (hostname: string) => Promise<Resolved[]>;

const systemResolver: Resolver = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Ranges ipaddr.js calls `unicast` that still lead inside: IPv4-compatible IPv6 (`::a.b.c.d`,
 * deprecated, but some stacks route it to the IPv4 address it embeds).
 */
const ALSO_REFUSED: Record<string, Range> = { ipv4Compatible: ipaddr.parseCIDR('::/96') };

/**
 * A target the guard will not reach, and why in a few words fit for the delivery log.
 * `retryable`: the name did not resolve (that may pass); an address refused stays refused.
 */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Parses an allow-list: addresses or CIDR ranges separated by commas or spaces. Throws naming a bad entry. */
export function parseAllowList(text: string): Range[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      if (ipaddr.isValidCIDR(entry)) return ipaddr.parseCIDR(entry);
      if (ipaddr.isValid(entry)) {
        const ip = ipaddr.process(entry);
        return [ip, ip.kind() === 'ipv4' ? 32 : 128];
      }
      throw new Error(`"${entry}" is neither an IP address nor a CIDR range`);
    });
}

const inRange = (ip: ipaddr.IPv4 | ipaddr.IPv6, [net, bits]: Range) => ip.kind() === net.kind() && ip.match(net, bits);

/**
 * Where the service may send what a user gave it (a webhook URL): public unicast addresses
 * only, unless the operator's allow-list (`OUTBOUND_ALLOW`) names the address. Otherwise a
 * subscription could make the service POST to itself, to the database's host or to a cloud
 * metadata endpoint. Names are resolved at send time and the connection goes to the address
 * that was checked (the `lookup` given to the socket), so a name that resolved to a public
 * address when subscribed and to an internal one later (DNS rebinding) is refused all the same.
 */
export class OutboundGuard {
  readonly #allow: Range[];
  readonly #resolve: Resolver;
  readonly #timeoutMs: number;
  #dispatcher: Agent | undefined;

  constructor(options: { allow?: string | undefined; resolve?: Resolver; timeoutMs?: number } = {}) {
    this.#allow = parseAllowList(options.allow ?? '');
    this.#resolve = options.resolve ?? systemResolver;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Why the service may not connect to this address (its range, e.g. `loopback`), or null when it may. */
  refusalOf(address: string): string | null {
    // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    const ip = ipaddr.process(address);
    if (this.#allow.some((range) => inRange(ip, range))) return null;
    const range = ip.range();
    if (range !== 'unicast') return range;
    return Object.entries(ALSO_REFUSED).find(([, r]) => inRange(ip, r))?.[0] ?? null;
  }

  /**
   * Resolves the host of `url` and checks every address it has; throws OutboundRefused when one
   * may not be reached or the name does not resolve. For subscribe time; sending checks again.
   */
  async check(url: string | URL): Promise<Resolved[]> {
    const host = hostOf(url);
    if (isIP(host)) {
      this.#refuseAny(host, [{ address: host, family: isIP(host) }]);
      return [{ address: host, family: isIP(host) }];
    }
    const addresses = await this.#resolveBounded(host);
    this.#refuseAny(host, addresses);
    return addresses;
  }

  /**
   * The HTTP client for user-given targets: its sockets resolve names through the guard, so
   * the address connected to is the address checked. Redirects are not followed (undici's
   * `request` never does), so a public receiver cannot bounce the POST inside either.
   */
  get dispatcher(): Agent {
    this.#dispatcher ??= new Agent({ connect: { lookup: this.#lookup } });
    return this.#dispatcher;
  }

  /**
   * Refuses a URL whose host is an IP address outside the allowed ones. Sockets do not resolve
   * an IP address, so the dispatcher's lookup never sees one: this is its check for them.
   */
  refuseLiteral(url: string | URL): void {
    const host = hostOf(url);
    if (isIP(host)) this.#refuseAny(host, [{ address: host, family: isIP(host) }]);
  }

  async close(): Promise<void> {
    await this.#dispatcher?.close();
  }

  #refuseAny(host: string, addresses: Resolved[]) {
    for (const { address } of addresses) {
      const why = this.refusalOf(address);
      // Which address a name resolved to is not told: the answer would map an internal DNS.
      if (why) {
        const what = address === host ? `${host} is` : `${host} resolves to`;
        throw new OutboundRefused(`${what} a ${why} address: only public addresses are reached`);
      }
    }
  }

  async #resolveBounded(host: string): Promise<Resolved[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OutboundRefused(`${host} did not resolve in time`, true)), this.#timeoutMs);
    });
    try {
      const addresses = await Promise.race([this.#resolve(host), timeout]);
      if (addresses.length === 0) throw new OutboundRefused(`${host} has no address`, true);
      return addresses;
    } catch (err) {
      if (err instanceof OutboundRefused) throw err;
      throw new OutboundRefused(
        `${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'no answer'})`,
        true,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** net.connect's `lookup`: called with `all: true` when the socket tries each family in turn. */
  #lookup = (
    hostname: string,
    options: LookupOneOptions | LookupAllOptions,
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    this.#resolveBounded(hostname).then(
      (addresses) => {
        try {
          this.#refuseAny(hostname, addresses);
        } catch (err) {
          return callback(err as Error, '');
        }
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const [first] = wanted;
        if (!first) return callback(new OutboundRefused(`${hostname} has no IPv${options.family} address`), '');
        if (options.all) return callback(null, wanted);
        callback(null, first.address, first.family);
      },
      (err: Error) => callback(err, ''),
    );
  };
}

/** The host of a URL as a socket takes it: an IPv6 address without its brackets. */
const hostOf = (url: string | URL) => new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
