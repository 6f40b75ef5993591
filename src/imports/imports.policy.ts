import { type Role, roleRank } from "../staff/roles.shared.js";

export type ImportAction = "runImports" | "viewImports" | "manageRedirects";

export const IMPORT_ACTIONS: readonly ImportAction[] = ["runImports", "viewImports", "manageRedirects"];

/**
 * Who may bring an archive in and look after the old site's addresses: editors and above. An
 * import publishes thousands of stories under the newsroom's name and a redirect decides where
 * a reader lands, which is an editor's call, not an author's.
 */
export function canImport(principal: { role: Role }, _action: ImportAction): boolean {
  return roleRank(principal.role) >= roleRank("editor");
}
