// The privacy guard's recogniser: finds what could identify a pupil in a piece of text: BSN-like
// numbers (nine digits passing the 11-proef), phone numbers, e-mail addresses and IBANs (mod-97).
// Pure and shared: the editor highlights findings live with it, and the server scans the stored
// document with it before an outcome may be submitted or published.
//
// It errs towards flagging (a leader can allow a finding with a reason) but keeps clear of the
// numbers that fill these documents: dates, times, years, postcodes, amounts and percentages.

export const FINDING_KINDS = ["bsn", "phone", "email", "iban"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Finding = {
  kind: FindingKind;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  /** The text as written. */
  text: string;
  /** The normalised value (digits only, lower-cased e-mail, IBAN without spaces): one value, however it is written. */
  value: string;
};

/** The 11-proef for BSNs: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0). */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum !== 0 && sum % 11 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

// Bounded quantifiers (RFC lengths): a 40,000-character word must not take seconds to scan.
const EMAIL =
  /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}/g;

// Letters and digits in groups (NL91 ABNA 0417 1643 00, or written together).
const IBAN = /\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}\b/g;

// A Dutch number: 0 and nine digits, or +31 / 0031 (optionally "(0)") and nine digits, with at
// most three separator characters (space, dot, hyphen, brackets) between digits. Not glued to other digits,
// letters, or a decimal comma.
const PHONE_NL =
  /(?<![\w+@.,])(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?|\(?0)[1-9](?:[ .)-]{0,3}\d){8}(?![\w@]|[.,:]?\d)/g;

// Other countries: a "+" and the country code, then 7 to 12 digits.
const PHONE_INTERNATIONAL = /(?<![\w+])\+(?!31)[1-9]\d{0,2}(?:[ .-]?\d){7,12}(?![\w@]|[.,:]?\d)/g;

// Nine digits written together, as 1234.56.782, or in groups of three with spaces.
const BSN = /(?<![\w@.,€$-]|€ )(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\w@]|[.,:-]?\d)/g;

// A date inside a phone-like match ("01-03-2021 12") means it is not a phone number.
const DATE_INSIDE = /\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/;

/** All findings in `text`, in order of position; overlapping matches are reported once. */
export function scanText(text: string): Finding[] {
  const found: Finding[] = [];
  const add = (kind: FindingKind, match: RegExpExecArray, value: string) =>
    found.push({
      kind,
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      value,
    });

  for (const m of text.matchAll(EMAIL)) add("email", m, m[0].toLowerCase());
  for (const m of text.matchAll(IBAN)) {
    const compact = m[0].replace(/\s+/g, "").toUpperCase();
    if (isValidIban(compact)) add("iban", m, compact);
  }
  for (const pattern of [PHONE_NL, PHONE_INTERNATIONAL]) {
    for (const m of text.matchAll(pattern)) {
      if (DATE_INSIDE.test(m[0])) continue;
      add("phone", m, normalisePhone(m[0]));
    }
  }
  for (const m of text.matchAll(BSN)) {
    const digits = m[0].replace(/\D/g, "");
    if (isValidBsn(digits)) add("bsn", m, digits);
  }

  // Earlier kinds win an overlap (an e-mail address or IBAN containing digits is one finding).
  found.sort((a, b) => a.start - b.start);
  const result: Finding[] = [];
  for (const finding of found) {
    const overlaps = result.some((f) => finding.start < f.end && f.start < finding.end);
    if (!overlaps) result.push(finding);
  }
  return result;
}

/** Phone numbers compare as digits in the national form: +31 6…, 0031 6… and 06… are one number. */
function normalisePhone(text: string): string {
  const digits = text.replace(/\(0\)/, "").replace(/\D/g, "");
  if (text.trim().startsWith("+31")) return `0${digits.slice(2)}`;
  if (digits.startsWith("0031")) return `0${digits.slice(4)}`;
  if (text.trim().startsWith("+") || digits.startsWith("00"))
    return `+${digits.replace(/^00/, "")}`;
  return digits;
}

/** The value with most characters hidden, for lists ("•••••6782", "a•••@school.nl"). */
export function maskValue(kind: FindingKind, value: string): string {
  if (kind === "email") {
    const [local = "", domain = ""] = value.split("@");
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  const visible = kind === "iban" ? 4 : 3;
  const head = kind === "iban" ? value.slice(0, 2) : "";
  return `${head}${"•".repeat(Math.max(3, value.length - visible - head.length))}${value.slice(-visible)}`;
}
