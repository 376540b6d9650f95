// Rate limits for credential endpoints: sign-in and password-reset requests per IP and per
// e-mail address (separate budgets, so reset requests cannot lock someone out of signing in),
// and sign-ups per IP (each costs an Argon2 hash). In memory per node for now; the multi-node
// issue moves them to Redis.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Translate } from "~/i18n";
import { getEnv } from "~/utils/env.server";

type Limiters = Record<"loginIp" | "loginEmail" | "resetEmail" | "signupIp", RateLimiterMemory>;
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const window = env.LOGIN_RATE_WINDOW_SECONDS;
    limiters = {
      loginIp: new RateLimiterMemory({
        keyPrefix: "login-ip",
        points: env.LOGIN_RATE_LIMIT_IP,
        duration: window,
      }),
      loginEmail: new RateLimiterMemory({
        keyPrefix: "login-email",
        points: env.LOGIN_RATE_LIMIT_EMAIL,
        duration: window,
      }),
      resetEmail: new RateLimiterMemory({
        keyPrefix: "reset-email",
        points: env.LOGIN_RATE_LIMIT_EMAIL,
        duration: window,
      }),
      signupIp: new RateLimiterMemory({
        keyPrefix: "signup-ip",
        points: env.SIGNUP_RATE_LIMIT_IP,
        duration: 3600,
      }),
    };
  }
  return limiters;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function consume(...attempts: [RateLimiterMemory, string][]): Promise<RateDecision> {
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
