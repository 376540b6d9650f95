import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./csrf";

const req = (method: string, headers: Record<string, string>) =>
  ({ method, headers: { host: "werkplaats.example", ...headers } }) as unknown as IncomingMessage;

describe("CSRF origin check", () => {
  it("lets reads through whatever their origin", () => {
    expect(
      isCrossSiteRequest(
        req("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }),
      ),
    ).toBe(false);
  });

  it("refuses a state change from another site", () => {
    expect(isCrossSiteRequest(req("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(
      isCrossSiteRequest(
        req("POST", { "sec-fetch-site": "same-site", origin: "https://sub.werkplaats.example" }),
      ),
    ).toBe(true);
    expect(isCrossSiteRequest(req("DELETE", { origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { origin: "not a url" }))).toBe(true);
  });

  it("believes Fetch Metadata over an opaque Origin", () => {
    expect(
      isCrossSiteRequest(req("POST", { origin: "null", "sec-fetch-site": "same-origin" })),
    ).toBe(false);
    expect(
      isCrossSiteRequest(
        req("POST", { origin: "https://werkplaats.example", "sec-fetch-site": "cross-site" }),
      ),
    ).toBe(true);
  });

  it("accepts a state change from its own origin, or without browser headers", () => {
    expect(
      isCrossSiteRequest(
        req("POST", { origin: "https://werkplaats.example", "sec-fetch-site": "same-origin" }),
      ),
    ).toBe(false);
    expect(isCrossSiteRequest(req("POST", {}))).toBe(false);
  });

  it("trusts X-Forwarded-Host only when told to", () => {
    const proxied = req("POST", {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "werkplaats.example",
      origin: "https://werkplaats.example",
    });
    expect(isCrossSiteRequest(proxied, true)).toBe(false);
    expect(isCrossSiteRequest(proxied, false)).toBe(true);
  });
});
