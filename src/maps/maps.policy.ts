import { type Role, roleRank } from "../staff/roles.shared.js";

export type MapAction =
  | "view"
  | "createMap"
  | "editMap"
  | "uploadLayer"
  | "editLayer"
  | "translateLayer"
  | "publishLayer"
  | "deleteLayer";

/**
 * Who may do what with battle maps. Anyone on the staff may look (the draft preview too); drawing
 * the front is an editorial call, so creating maps and adding, changing, translating, publishing
 * or deleting layers is for editors and up.
 * (Place tags of an article follow the article's own policy.) Pure, tested as a matrix.
 */
export function canMap(role: Role, action: MapAction): boolean {
  if (action === "view") return true;
  return roleRank(role) >= roleRank("editor");
}
