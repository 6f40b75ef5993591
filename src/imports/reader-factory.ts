import type { OpenImportReader } from "./import-runs.service.js";
import { openImportReader as openReader } from "./readers/open-reader.js";

/** The one place the server and the CLI get their readers from: the streaming readers. */
export const openImportReader: OpenImportReader = (source, location) => openReader(source, location);
