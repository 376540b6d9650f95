import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./auth.server";
import { publicOrigin } from "./request.server";

describe("redirects after sign-in stay on this site", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/communities/werken-aan-aanwezigheid?x=1#meetings")).toBe(
      "/communities/werken-aan-aanwezigheid?x=1#meetings",
    );
    expect(safeRedirectPath("/me")).toBe("/me");
  });

  it("refuses anything a browser could read as another host", () => {
    for (const evil of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(evil as string | null | undefined), String(evil)).toBe("/me");
    }
  });
});

describe("the origin of e-mailed links", () => {
  const req = (url: string) => new Request(url);

  it("is APP_URL when set, whatever the request says", () => {
    expect(
      publicOrigin(req("http://evil.example/forgot-password"), "https://werkplaats.example/", true),
    ).toBe("https://werkplaats.example");
  });

  it("is never a client-chosen host in production", () => {
    expect(publicOrigin(req("http://evil.example/forgot-password"), undefined, true)).toBeNull();
    expect(publicOrigin(req("http://localhost:3000/forgot-password"), undefined, true)).toBe(
      "http://localhost:3000",
    );
    expect(publicOrigin(req("http://127.0.0.1:3000/forgot-password"), undefined, true)).toBe(
      "http://127.0.0.1:3000",
    );
  });

  it("follows the request in development", () => {
    expect(publicOrigin(req("http://dev.local:5173/forgot-password"), undefined, false)).toBe(
      "http://dev.local:5173",
    );
  });
});
