import { type Role, roleRank } from "../staff/roles.shared.js";

export type MirrorAction = "viewMirrors" | "manageMirrors";

/**
 * Who may see and change the mirror hosts. A mirror serves the outlet's pages under another name
 * and goes into the signed list apps trust, so both are an owner's or admin's decision.
 */
export function canMirrors(role: Role, action: MirrorAction): boolean {
  switch (action) {
    case "viewMirrors":
    case "manageMirrors":
      return roleRank(role) >= roleRank("admin");
  }
}
