// Rate limits for credential endpoints (login, password reset), per IP and per e-mail address.
// In memory per node for now; the multi-node issue moves them to Redis.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "~/utils/env.server";

type Limiters = { ip: RateLimiterMemory; email: RateLimiterMemory };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    limiters = {
      ip: new RateLimiterMemory({
        keyPrefix: "cred-ip",
        points: env.LOGIN_RATE_LIMIT_IP,
        duration: env.LOGIN_RATE_WINDOW_SECONDS,
      }),
      email: new RateLimiterMemory({
        keyPrefix: "cred-email",
        points: env.LOGIN_RATE_LIMIT_EMAIL,
        duration: env.LOGIN_RATE_WINDOW_SECONDS,
      }),
    };
  }
  return limiters;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one credential attempt for this IP and e-mail; refuses once either is over its limit. */
export async function consumeCredentialAttempt(ip: string, email: string): Promise<RateDecision> {
  const { ip: byIp, email: byEmail } = getLimiters();
  try {
    await byIp.consume(ip || "unknown");
    await byEmail.consume(email.toLowerCase());
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
    throw rejection;
  }
}

/** After a successful sign-in the e-mail's counter starts again. */
export async function resetEmailAttempts(email: string): Promise<void> {
  await getLimiters().email.delete(email.toLowerCase());
}

/** Tests only: forget all counters. */
export function resetRateLimitsForTests() {
  limiters = undefined;
}
