import type { LinkSigner } from "../platform/security/link-signer.js";

/** The signed tokens' purpose: a token made for another use never passes as a click link. */
const CLICK_PURPOSE = "newsletter-click";

export interface ClickLink {
  issueId: number;
  /** The link's position among the issue's links (its stories, in order). */
  linkIndex: number;
  /** Where the click goes. */
  url: string;
}

/** The address of a path on the site that counts a click on the issue's link and redirects to it. */
export function clickPath(token: string): string {
  return `/n/c/${token}`;
}

/**
 * A link of a sent issue, as a signed redirect: the token names the issue, the link's position
 * and its target, and nothing about the subscriber (every reader's copy carries the same link).
 * The target is inside the signature, so the redirect can never be pointed elsewhere.
 */
export function signClickLink(signer: LinkSigner, publicUrl: string, link: ClickLink): string {
  return `${publicUrl}${clickPath(signer.sign(CLICK_PURPOSE, { i: link.issueId, l: link.linkIndex, u: link.url }, null))}`;
}

/** The link a token stands for; undefined for a forged, damaged or foreign token. */
export function readClickLink(signer: LinkSigner, token: string): ClickLink | undefined {
  const result = signer.verify<{ i: number; l: number; u: string }>(CLICK_PURPOSE, token);
  if (!result.ok) return undefined;
  const { i, l, u } = result.payload;
  if (!Number.isInteger(i) || !Number.isInteger(l) || typeof u !== "string" || !/^https?:\/\//i.test(u)) {
    return undefined;
  }
  return { issueId: i, linkIndex: l, url: u };
}
