// The status a visitor sees for a meeting: geannuleerd, afgelopen, vol or gepland.
export type MeetingDisplayStatus = "scheduled" | "cancelled" | "past" | "full";

export function meetingDisplayStatus(
  meeting: { status: string; endsAt: Date },
  community: { registrationStatus: string },
  now = new Date(),
): MeetingDisplayStatus {
  if (meeting.status === "cancelled") return "cancelled";
  if (meeting.endsAt.getTime() <= now.getTime()) return "past";
  if (community.registrationStatus === "full") return "full";
  return "scheduled";
}
