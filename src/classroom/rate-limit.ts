/** Token buckets by key: `burst` requests at once, refilled at `perSecond`; a key over its budget waits. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export function rateLimiter(limit: RateLimit, now: () => number = Date.now): { allow(key: string): boolean } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    allow(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
