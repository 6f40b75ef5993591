/**
 * A reader started a donation (was sent to the payment page) from a form on an article's page:
 * analytics counts it as the article's conversion. Nothing about the reader or the amount is in it.
 */
export interface DonationStartedEvent {
  edition: string;
  articleId: number;
}

/** Reader revenue's domain events, published after the change is made. */
declare module "../platform/events/domain-events.js" {
  interface DomainEvents {
    "donation.started": DonationStartedEvent;
  }
}
