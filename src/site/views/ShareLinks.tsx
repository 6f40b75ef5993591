import { translate } from "../../platform/i18n/messages.js";
import type { ShareLink, ShareNetwork } from "../page-head.js";

const NETWORK_NAME: Record<Exclude<ShareNetwork, "email" | "copy">, string> = {
  x: "X",
  facebook: "Facebook",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
};

/**
 * Share links under an article. Each is a plain link to the network's share page (no widget, no
 * third-party script, nothing loads until the reader clicks). "Copy link" links to the article
 * itself; the site island copies it to the clipboard instead when it can.
 */
export function ShareLinks({ links, language }: { links: readonly ShareLink[]; language: string }) {
  if (links.length === 0) return null;
  const label = (network: ShareNetwork) =>
    network === "email"
      ? translate(language, "share.email")
      : network === "copy"
        ? translate(language, "share.copy")
        : NETWORK_NAME[network];
  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title" class="share__heading">
        {translate(language, "share.heading")}
      </h2>
      <ul class="share-links">
        {links.map((link) => (
          <li>
            {link.network === "copy" ? (
              <a href={link.href} data-network="copy" data-copy-link data-copied={translate(language, "share.copied")}>
                {label(link.network)}
              </a>
            ) : (
              <a href={link.href} data-network={link.network} rel="noopener noreferrer nofollow">
                {label(link.network)}
              </a>
            )}
          </li>
        ))}
      </ul>
      {/* Where the island says "Link copied" for screen readers. */}
      <p class="visually-hidden" role="status" data-share-status />
    </section>
  );
}
