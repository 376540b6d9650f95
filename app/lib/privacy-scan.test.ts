import { describe, expect, it } from "vitest";
import { isValidBsn, isValidIban, maskValue, scanText } from "./privacy-scan";

const kinds = (text: string) => scanText(text).map((f) => `${f.kind}:${f.text}`);

describe("the 11-proef", () => {
  it("accepts valid BSNs", () => {
    for (const bsn of ["111222333", "123456782", "999999990", "012345672"])
      expect(isValidBsn(bsn), bsn).toBe(true);
  });
  it("refuses numbers that fail the check, zero and wrong lengths", () => {
    for (const bsn of ["123456789", "111222334", "000000000", "12345678", "1234567820"])
      expect(isValidBsn(bsn), bsn).toBe(false);
  });
});

describe("IBAN check", () => {
  it("accepts valid IBANs, with or without spaces", () => {
    expect(isValidIban("NL91ABNA0417164300")).toBe(true);
    expect(isValidIban("NL91 ABNA 0417 1643 00")).toBe(true);
    expect(isValidIban("BE68539007547034")).toBe(true);
  });
  it("refuses a wrong check number", () => {
    expect(isValidIban("NL92ABNA0417164300")).toBe(false);
  });
});

describe("scanText: what it flags", () => {
  it("flags a BSN written together, with dots or in groups of three", () => {
    expect(kinds("Leerling met BSN 123456782 verzuimt.")).toEqual(["bsn:123456782"]);
    expect(kinds("bsn: 1234.56.782")).toEqual(["bsn:1234.56.782"]);
    expect(kinds("nummer 111 222 333")).toEqual(["bsn:111 222 333"]);
  });

  it("flags Dutch phone numbers in their usual spellings", () => {
    for (const phone of [
      "06-12345678",
      "06 1234 5678",
      "0612345678",
      "+31 6 12345678",
      "+31 (0)6 1234 5678",
      "0031 6 12345678",
      "020-1234567",
      "(020) 123 45 67",
      "030 - 123 45 67",
    ])
      expect(kinds(`Bel ${phone} na school.`), phone).toEqual([`phone:${phone}`]);
  });

  it("flags foreign numbers with a country code", () => {
    expect(kinds("Oma in België: +32 470 12 34 56")).toEqual(["phone:+32 470 12 34 56"]);
  });

  it("treats the same phone number in different spellings as one value", () => {
    const values = scanText("06-12345678, +31 6 1234 5678 en 0031612345678").map((f) => f.value);
    expect(new Set(values)).toEqual(new Set(["0612345678"]));
  });

  it("flags e-mail addresses and valid IBANs", () => {
    expect(kinds("Mail j.de.vries@school.nl of NL91 ABNA 0417 1643 00.")).toEqual([
      "email:j.de.vries@school.nl",
      "iban:NL91 ABNA 0417 1643 00",
    ]);
  });

  it("reports a number inside an e-mail address once, as the address", () => {
    expect(kinds("leerling123456782@school.nl")).toEqual(["email:leerling123456782@school.nl"]);
  });
});

describe("scanText: what it leaves alone", () => {
  it("does not flag nine digits that fail the 11-proef", () => {
    expect(scanText("Dossier 123456789 en 987654321")).toEqual([]);
  });

  it("does not flag dates, times and years", () => {
    expect(
      scanText(
        "Bijeenkomst op 24-06-2021 van 13:00 tot 15:30, daarna 21 september 2021, 2021-11-16 en 01-03-2021 12 deelnemers.",
      ),
    ).toEqual([]);
  });

  it("does not flag postcodes, amounts and percentages", () => {
    expect(
      scanText(
        "VO-raad, Aidadreef 4, 3561 GE Utrecht. Budget € 1.234.567,89 of € 123456782, en 12,5% verzuim; 3526KW.",
      ),
    ).toEqual([]);
  });

  it("does not flag a longer number that contains a valid BSN or phone number", () => {
    expect(scanText("Kenmerk 1234567820 en 06123456789")).toEqual([]);
  });

  it("does not flag an IBAN with a wrong check number", () => {
    expect(scanText("NL92ABNA0417164300")).toEqual([]);
  });
});

describe("masking", () => {
  it("hides most of a value", () => {
    expect(maskValue("bsn", "123456782")).toBe("••••••782");
    expect(maskValue("email", "j.de.vries@school.nl")).toBe("j•••@school.nl");
    expect(maskValue("iban", "NL91ABNA0417164300")).toBe("NL••••••••••••4300");
  });
});

describe("long input", () => {
  it("scans a 100,000-character word and finds the address at its end", () => {
    const text = `${"a".repeat(100_000)} mail j@school.nl`;
    expect(kinds(text)).toEqual(["email:j@school.nl"]);
  });
});
