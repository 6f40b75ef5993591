import type { ShareLink } from "../site/page-head.js";

const enc = encodeURIComponent;

/**
 * Share links for an article: each network's own share URL, opened by the reader's click. No
 * button script or widget is loaded, so no third party learns who read the page.
 */
export function shareLinks(url: string, title: string, xHandle?: string): ShareLink[] {
  const via = xHandle ? `&via=${enc(xHandle.replace(/^@/, ""))}` : "";
  return [
    { network: "x", href: `https://x.com/intent/post?text=${enc(title)}&url=${enc(url)}${via}` },
    { network: "facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}` },
    { network: "telegram", href: `https://t.me/share/url?url=${enc(url)}&text=${enc(title)}` },
    { network: "whatsapp", href: `https://wa.me/?text=${enc(`${title} ${url}`)}` },
    { network: "email", href: `mailto:?subject=${enc(title)}&body=${enc(url)}` },
    { network: "copy", href: url },
  ];
}
