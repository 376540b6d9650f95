// Rate limits. Credential endpoints: sign-in and password-reset requests per IP and per e-mail
// address (separate budgets, so reset requests cannot lock someone out of signing in), and
// sign-ups per IP (each costs an Argon2 hash). Every state-changing request: a general budget per
// signed-in person, else per IP address (server/mutation-limit.ts), generous enough for a live
// meeting, with a burst on top.
//
// One node: counted in memory. With REDIS_URL (several nodes): counted in Redis, so all nodes
// share one budget; while Redis is unreachable each node counts in memory on its own (the
// insurance limiter), which degrades to per-node limits instead of refusing or waving through.
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Translate } from "~/i18n";
import { getEnv } from "~/utils/env.server";
import { redis, redisKey } from "~/utils/redis.server";

type Store = RateLimiterMemory | RateLimiterRedis;
type Consumer = Store | BurstyRateLimiter;

/** A limiter in Redis when REDIS_URL is set (with a memory stand-in), else in memory. */
function store(keyPrefix: string, points: number, duration: number): Store {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  const client = redis();
  if (!client) return memory;
  return new RateLimiterRedis({
    storeClient: client,
    keyPrefix: redisKey(`rate:${keyPrefix}`),
    points,
    duration,
    // The command connection has no offline queue: while Redis is away, count here instead.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

type Limiters = {
  loginIp: Store;
  loginEmail: Store;
  resetEmail: Store;
  signupIp: Store;
  mutationUser: Consumer;
  mutationIp: Consumer;
};
let limiters: Limiters | undefined;

/** `points` per window, and when burst > 0 that many more once per ten windows. */
function withBurst(name: string, points: number, burst: number, window: number): Consumer {
  const base = store(name, points, window);
  if (burst <= 0) return base;
  return new BurstyRateLimiter(base, store(`${name}-burst`, burst, window * 10));
}

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const window = env.LOGIN_RATE_WINDOW_SECONDS;
    const mutationWindow = env.MUTATION_RATE_WINDOW_SECONDS;
    limiters = {
      loginIp: store("login-ip", env.LOGIN_RATE_LIMIT_IP, window),
      loginEmail: store("login-email", env.LOGIN_RATE_LIMIT_EMAIL, window),
      resetEmail: store("reset-email", env.LOGIN_RATE_LIMIT_EMAIL, window),
      signupIp: store("signup-ip", env.SIGNUP_RATE_LIMIT_IP, 3600),
      mutationUser: withBurst(
        "mutation-user",
        env.MUTATION_RATE_LIMIT_USER,
        env.MUTATION_RATE_BURST,
        mutationWindow,
      ),
      mutationIp: withBurst(
        "mutation-ip",
        env.MUTATION_RATE_LIMIT_IP,
        env.MUTATION_RATE_BURST,
        mutationWindow,
      ),
    };
  }
  return limiters;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function consume(...attempts: [Consumer, string][]): Promise<RateDecision> {
  try {
    for (const [limiter, key] of attempts) await limiter.consume(key || "unknown");
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

/** Counts one sign-in or reset request for this IP and e-mail; refuses once either is over. */
export function consumeCredentialAttempt(
  kind: "login" | "reset",
  ip: string,
  email: string,
): Promise<RateDecision> {
  const l = getLimiters();
  return consume(
    [l.loginIp, ip],
    [kind === "login" ? l.loginEmail : l.resetEmail, email.toLowerCase()],
  );
}

export function consumeSignupAttempt(ip: string): Promise<RateDecision> {
  return consume([getLimiters().signupIp, ip]);
}

/** Counts one state-changing request of a signed-in person, or of an IP address otherwise. */
export function consumeMutation(who: { userId: string } | { ip: string }): Promise<RateDecision> {
  const l = getLimiters();
  return "userId" in who ? consume([l.mutationUser, who.userId]) : consume([l.mutationIp, who.ip]);
}

/** After a successful sign-in the e-mail's counter starts again. */
export async function resetEmailAttempts(email: string): Promise<void> {
  await getLimiters().loginEmail.delete(email.toLowerCase());
}

/** The Dutch/English message and the 429 response details for a refused attempt. */
export function tooManyAttempts(t: Translate, decision: { retryAfterSeconds: number }) {
  const minutes = Math.max(1, Math.ceil(decision.retryAfterSeconds / 60));
  return {
    message: t("error.tooManyAttempts", { minutes }),
    init: { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
  };
}
