import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { loginSchema, parseForm, resetPasswordSchema, signupSchema } from "./forms";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const t = translator("nl");

describe("form validation with Dutch messages per field", () => {
  it("names each missing or malformed field", () => {
    const result = parseForm(loginSchema, form({ email: "", password: "" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(t(result.errors.email!)).toBe("Vul je e-mailadres in.");
    expect(t(result.errors.password!)).toBe("Vul je wachtwoord in.");

    const bad = parseForm(signupSchema, form({ name: " ", email: "geen-adres", password: "kort" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(t(bad.errors.name!)).toBe("Vul je naam in.");
    expect(t(bad.errors.email!)).toMatch(/^Dit is geen geldig e-mailadres/);
    expect(t(bad.errors.password!)).toBe("Je wachtwoord moet minimaal 10 tekens lang zijn.");
    expect(bad.values).toEqual({ name: " ", email: "geen-adres" });
  });

  it("treats a missing field like an empty one (no crash on a hand-made request)", () => {
    const result = parseForm(loginSchema, form({}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.email).toBe("error.emailRequired");
  });

  it("normalises e-mail addresses and checks the repeated password", () => {
    const ok = parseForm(
      signupSchema,
      form({ name: "Eva", email: "  Eva@School.NL ", password: "lang genoeg wachtwoord" }),
    );
    expect(ok).toMatchObject({ ok: true, data: { email: "eva@school.nl" } });
    const mismatch = parseForm(
      resetPasswordSchema,
      form({ password: "lang genoeg 123", confirm: "anders 123456" }),
    );
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok)
      expect(t(mismatch.errors.confirm!)).toBe("De twee wachtwoorden zijn niet gelijk.");
  });
});
