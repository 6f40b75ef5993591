import { type Role, roleRank } from "../staff/roles.shared.js";

export type TelegramAction =
  /** See an edition's channel settings (the token is masked anyway). */
  | "viewChannel"
  /** Set the bot token and channel of an edition: it speaks for the outlet in public. */
  | "manageChannel"
  /** See where a story went on Telegram (the delivery log in the editor). */
  | "viewDelivery"
  /** Keep a story off the channel. */
  | "skipArticle";

/**
 * Who may do what with Telegram channels. The channel is the outlet's public voice, so only
 * editors and above set it up or keep a story off it; authors see where their stories went.
 */
export function canTelegram(role: Role, action: TelegramAction): boolean {
  const rank = roleRank(role);
  switch (action) {
    case "viewDelivery":
      return rank >= roleRank("author");
    case "viewChannel":
    case "manageChannel":
    case "skipArticle":
      return rank >= roleRank("editor");
  }
}
