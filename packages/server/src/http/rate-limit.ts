/**
 * How many requests an address may make in a sliding minute. Kept in memory: one server process
 * answers the register, and a restart forgetting the counts costs nothing but a minute.
 */
export class RateLimit {
  private readonly times = new Map<string, number[]>();

  /** `perMinute` requests in any 60 seconds. */
  constructor(readonly perMinute: number) {}

  /** True when the address may make one more request now, which is then counted. */
  allow(address: string, now = Date.now()): boolean {
    const since = now - 60_000;
    const recent = (this.times.get(address) ?? []).filter((t) => t > since);
    if (recent.length >= this.perMinute) {
      this.times.set(address, recent);
      return false;
    }
    recent.push(now);
    this.times.set(address, recent);
    // Addresses seen once long ago are forgotten, so that the map holds the last minute only.
    if (this.times.size > MAX_ADDRESSES) this.forgetBefore(since);
    return true;
  }

  private forgetBefore(since: number): void {
    for (const [address, times] of this.times) if ((times.at(-1) ?? 0) <= since) this.times.delete(address);
  }
}

/** Addresses kept before the ones idle for a minute are dropped. */
const MAX_ADDRESSES = 10_000;
