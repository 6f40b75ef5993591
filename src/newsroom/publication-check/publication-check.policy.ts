import { type Role, roleRank } from "../../staff/actor.js";

/** Who acts: a staff member, or an integration token (each token is an actor of its own). */
export interface CheckActor {
  role: Role;
  staffId: number | null;
  tokenId: number | null;
}

/** The same actor: the same token, or the same staff member acting without a token. */
export function isSameActor(
  a: { staffId: number | null; tokenId: number | null },
  b: { staffId: number | null; tokenId: number | null },
): boolean {
  if (a.tokenId !== null || b.tokenId !== null) return a.tokenId === b.tokenId;
  return a.staffId !== null && a.staffId === b.staffId;
}

/** Whoever may publish may acknowledge a finding, with a reason. Editors and above. */
export function canAcknowledgeFindings(actor: CheckActor): boolean {
  return roleRank(actor.role) >= roleRank("editor");
}

/**
 * The two-person rule: a flagged story is approved by an editor (or above) who neither wrote it
 * nor dismissed its findings, so two people have looked at it.
 */
export function canApprovePublication(
  actor: CheckActor,
  article: { created_by: number | null; created_by_token: number | null },
  acknowledgedBy: readonly { staffId: number | null; tokenId: number | null }[],
): boolean {
  if (roleRank(actor.role) < roleRank("editor")) return false;
  if (isSameActor(actor, { staffId: article.created_by, tokenId: article.created_by_token })) return false;
  return !acknowledgedBy.some((other) => isSameActor(actor, other));
}

/** Only owners change the check's settings (turn it on, turn rules off per edition). */
export function canConfigurePublicationCheck(actor: CheckActor): boolean {
  return actor.role === "owner";
}
