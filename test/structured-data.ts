import { createRequire } from "node:module";

/**
 * structured-data-testing-tool: extracts JSON-LD, microdata and meta tags from HTML and checks
 * them against its presets (Google's structured-data rules, X cards, Open Graph) and against the
 * list of schema.org types it ships. A CommonJS package without types, so it is typed here.
 */

export interface SdttTest {
  test: string;
  description?: string;
  passed: boolean;
  warning?: boolean;
  error?: { message?: string };
}

export interface SdttResult {
  passed: SdttTest[];
  failed: SdttTest[];
  warnings: SdttTest[];
  schemas: string[];
  structuredData: {
    jsonld: Record<string, Record<string, unknown>[]>;
    metatags: Record<string, string[]>;
  };
}

interface Preset {
  name: string;
}

interface Sdtt {
  structuredDataTest(input: string, options: { presets?: Preset[]; schemas?: string[] }): Promise<SdttResult>;
}

const require = createRequire(import.meta.url);
const sdtt = require("structured-data-testing-tool") as Sdtt;
const presets = require("structured-data-testing-tool/presets") as Record<
  "Google" | "Twitter" | "Facebook" | "SocialMedia",
  Preset
>;
const schemaOrg = require("structured-data-testing-tool/lib/schemas") as {
  getSchema(name: string): { name: string; subClassOf?: string } | null;
};

export type PresetName = keyof typeof presets;

/** Runs the presets over an HTML page; resolves with the result whether or not every test passed. */
export async function checkStructuredData(html: string, names: PresetName[]): Promise<SdttResult> {
  try {
    return await sdtt.structuredDataTest(html, { presets: names.map((name) => presets[name]) });
  } catch (error) {
    const result = (error as { res?: SdttResult }).res;
    if (!result) throw error;
    return result;
  }
}

/** True when schema.org defines the type (per the tool's copy of the vocabulary). */
export function isSchemaOrgType(name: string): boolean {
  return schemaOrg.getSchema(name) !== null;
}
