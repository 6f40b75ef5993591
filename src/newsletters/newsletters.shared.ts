// Browser-safe: the admin app imports these types (no server code may be imported here).

/** A newsletter list as the admin API returns it. */
export interface NewsletterList {
  id: number;
  slug: string;
  edition: string;
  language: string;
  name: string;
  description: string;
  cadence: string;
  fromName: string;
  fromAddress: string;
  kind: "digest" | "manual";
  cron: string | null;
  timeZone: string | null;
  digestSize: number;
  active: boolean;
}

export type IssueStatus = "draft" | "scheduled" | "sending" | "sent" | "cancelled" | "skipped";

/** An issue of a list as the admin API returns it. */
export interface IssueView {
  id: number;
  listId: number;
  status: IssueStatus;
  subject: string;
  intro: string;
  articleIds: number[];
  scheduledFor: string | null;
  sendAt: string | null;
  total: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
