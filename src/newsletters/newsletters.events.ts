/** An issue went out to every reader it could reach (its delivery log has nothing left to try). */
export interface NewsletterSentEvent {
  issueId: number;
  listId: number;
  listSlug: string;
  edition: string;
  subject: string;
  /** Readers the issue was addressed to. */
  total: number;
  finishedAt: string;
}

/** The newsletters' domain events, published after the change is stored. */
declare module "../platform/events/domain-events.js" {
  interface DomainEvents {
    "newsletter.sent": NewsletterSentEvent;
  }
}
