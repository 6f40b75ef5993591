import { type Static, Type } from "typebox";

/**
 * The reader's query string. Deliberately loose: any text and any page value give a normal page
 * (an overlong query is cut, an odd page number means page 1), never a 400.
 */
export const SearchQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100_000 })),
  page: Type.Optional(Type.String({ maxLength: 100 })),
});
export type SearchQuerystring = Static<typeof SearchQuerystring>;

export const SearchParams = Type.Object({ edition: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })) });
export type SearchParams = Static<typeof SearchParams>;
