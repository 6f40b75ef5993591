import { type ArticleSubject, canArticle, type Principal } from "./articles.policy.js";

export type NoteAction =
  /** Read an article's threads, open and resolved. */
  | "view"
  /** Open a thread or reply in one. */
  | "comment"
  /** Resolve or reopen a thread. */
  | "resolve";

export const NOTE_ACTIONS: readonly NoteAction[] = ["view", "comment", "resolve"];

/**
 * Who may read and write an article's editorial notes: exactly whoever may edit the article
 * (the articles policy's `edit`). The notes argue over the draft, so a contributor whose story
 * has been published, and can no longer change it, no longer sees the margin either. Pure, so
 * it is tested as a matrix.
 */
export function canNote(principal: Principal, _action: NoteAction, article: ArticleSubject): boolean {
  return canArticle(principal, "edit", article);
}

/** Whether a staff member may be @mentioned on the article: only those who can read its notes. */
export function isMentionable(member: { id: number; role: Principal["role"] }, article: ArticleSubject): boolean {
  return canNote({ role: member.role, staffId: member.id, tokenId: null }, "view", article);
}
