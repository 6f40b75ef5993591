import { AppError } from "../errors.js";
import type { OpenImportReader } from "./import-runs.service.js";

/**
 * The one place the server and the CLI get their readers from. The readers (WordPress, Ghost,
 * feeds) are built beside this engine; until they are merged this answers `not_implemented`.
 * When merging: `export { openImportReader } from "./readers/open-reader.js";`
 */
export const openImportReader: OpenImportReader = (source) => {
  throw new AppError("not_implemented", `Importing from ${source} is not available in this build yet.`);
};
