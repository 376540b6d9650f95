import { describe, expect, it } from "vitest";
import { en } from "./en";
import { resolveLocale, translator } from "./index";
import { nl } from "./nl";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("has an English text for every Dutch key, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
      expect(en[key].trim(), key).not.toBe("");
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("nl");
    expect(t("me.welcome", { name: "Fatima" })).toBe("Welkom, Fatima");
    expect(t("error.tooManyAttempts", { minutes: 3 })).toBe(
      "Te veel pogingen. Probeer het over 3 minuten opnieuw.",
    );
    expect(translator("en")("me.welcome")).toBe("Welcome, {name}");
  });

  it("is Dutch unless the language cookie or the account says English", () => {
    expect(resolveLocale(null)).toBe("nl");
    expect(resolveLocale("werkplaats_lang=en")).toBe("en");
    expect(resolveLocale("x=1; werkplaats_lang=nl", "en")).toBe("nl");
    expect(resolveLocale(null, "en")).toBe("en");
    expect(resolveLocale("werkplaats_lang=fr", "de")).toBe("nl");
  });
});
