import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Clock } from '../clock';
import type { RateLimitRepository } from '../store';

/** express-rate-limit counters kept in the storage port, so limits hold across app instances. */
export class PortRateLimitStore implements Store {
  private windowMs = 60_000;

  constructor(
    private readonly counters: RateLimitRepository,
    private readonly clock: Clock,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { count, resetAt } = await this.counters.hit(this.prefix + key, this.windowMs, this.clock());
    return { totalHits: count, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.counters.undo(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.counters.reset(this.prefix + key);
  }
}
