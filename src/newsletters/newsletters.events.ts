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

/**
 * A reader confirmed a sign-up made on an article's page (the form's `fromArticle`): analytics
 * counts it as the article's conversion. Nothing about the reader is in it.
 */
export interface NewsletterSignupConfirmedEvent {
  articleId: number;
  /** The lists the confirmation added (not those the reader was already on). */
  listIds: number[];
}

/** The newsletters' domain events, published after the change is stored. */
declare module "../platform/events/domain-events.js" {
  interface DomainEvents {
    "newsletter.sent": NewsletterSentEvent;
    "newsletter.signup.confirmed": NewsletterSignupConfirmedEvent;
  }
}
