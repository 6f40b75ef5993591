import { describe, expect, it } from "vitest";
import { MAX_CLAUSES, parseQuery, toFts5, toTsQuery } from "./query.js";

describe("search query parsing", () => {
  it("stems each word for the edition's language and drops function words", () => {
    expect(parseQuery("бої в Бахмуті", ["uk"])).toEqual([
      [{ tokens: ["бої"], prefix: false }],
      [{ tokens: ["бахмут"], prefix: false }],
    ]);
  });

  it("keeps a query made only of function words", () => {
    expect(parseQuery("the and", ["en"])).toHaveLength(2);
  });

  it("reads quoted text as a phrase", () => {
    expect(parseQuery('"battle map" Bakhmut', ["en"])).toEqual([
      [{ tokens: ["battl", "map"], prefix: false }],
      [{ tokens: ["bakhmut"], prefix: false }],
    ]);
  });

  it("treats FTS operators, column filters and SQL metacharacters as plain words", () => {
    const clauses = parseQuery(`title:war NEAR(a b) OR "x* AND') ; DROP TABLE articles; --`, ["en"]);
    for (const clause of clauses) {
      for (const alt of clause) for (const token of alt.tokens) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(toFts5(clauses)).not.toContain("'");
    expect(toTsQuery(clauses)).not.toMatch(/;|--/);
  });

  it("bounds a huge query to a few clauses", () => {
    const clauses = parseQuery("слово ".repeat(2000) + Array.from({ length: 50 }, (_, i) => `w${i}`).join(" "), ["uk"]);
    expect(clauses.length).toBeLessThanOrEqual(MAX_CLAUSES);
  });

  it("yields nothing for punctuation only", () => {
    expect(parseQuery(`"" ''' *** () -- ;`, ["uk"])).toEqual([]);
  });

  it("stems a word for every language searched, and adds a prefix for the last word when asked", () => {
    expect(parseQuery("Бахмуті", ["uk", "ru"], { prefixLast: true })).toEqual([
      [
        { tokens: ["бахмут"], prefix: false },
        // Russian has no "і": its stemmer leaves the Ukrainian word whole.
        { tokens: ["бахмуті"], prefix: false },
        { tokens: ["бахмуті"], prefix: true },
      ],
    ]);
    expect(parseQuery("attacks", ["en", "uk"])).toEqual([
      [
        { tokens: ["attack"], prefix: false },
        { tokens: ["attacks"], prefix: false },
      ],
    ]);
  });
});
