import { describe, expect, it } from "vitest";
import { formatLongDate, formatTimeRange } from "./dates";
import { meetingDisplayStatus } from "./meeting-status";

const now = new Date("2021-09-01T12:00:00Z");
const future = { status: "scheduled", endsAt: new Date("2021-09-21T13:30:00Z") };

describe("meeting status and times as visitors see them", () => {
  it("is gepland, vol, afgelopen or geannuleerd", () => {
    expect(meetingDisplayStatus(future, { registrationStatus: "open" }, now)).toBe("scheduled");
    expect(meetingDisplayStatus(future, { registrationStatus: "full" }, now)).toBe("full");
    expect(
      meetingDisplayStatus(
        { ...future, endsAt: new Date("2021-06-24T13:30:00Z") },
        { registrationStatus: "open" },
        now,
      ),
    ).toBe("past");
    expect(
      meetingDisplayStatus({ ...future, status: "cancelled" }, { registrationStatus: "full" }, now),
    ).toBe("cancelled");
  });

  it("shows Europe/Amsterdam local time across daylight saving", () => {
    const summerStart = new Date("2021-06-24T11:00:00Z");
    const summerEnd = new Date("2021-06-24T13:30:00Z");
    expect(formatLongDate(summerStart, "nl")).toBe("donderdag 24 juni 2021");
    expect(formatTimeRange(summerStart, summerEnd, "nl")).toMatch(/^13:00\s*[–-]\s*15:30$/);
    const winterStart = new Date("2021-11-16T12:00:00Z");
    expect(formatLongDate(winterStart, "nl")).toBe("dinsdag 16 november 2021");
    expect(formatTimeRange(winterStart, new Date("2021-11-16T14:30:00Z"), "nl")).toMatch(
      /^13:00\s*[–-]\s*15:30$/,
    );
    expect(formatLongDate(winterStart, "en")).toBe("Tuesday, 16 November 2021");
  });
});
