/**
 * The gallery viewer: loaded by the site island only on pages with a gallery. Each photo of a
 * gallery is a link to its largest variant (what a reader without script gets); with script the
 * link opens this full-screen viewer instead. Keyboard: Tab stays inside the viewer, Esc closes,
 * the arrow keys move; a horizontal swipe moves too. Closing puts focus back on the thumbnail of
 * the photo last shown, so a keyboard reader continues where they were.
 */

/** How far a finger must travel sideways before a touch counts as a swipe, in CSS pixels. */
const SWIPE_MIN_PX = 40;

interface Photo {
  link: HTMLAnchorElement;
  src: string;
  alt: string;
  caption: string;
}

function photosOf(gallery: HTMLElement): Photo[] {
  return [...gallery.querySelectorAll<HTMLAnchorElement>("a.gallery__open")].map((link) => ({
    link,
    src: link.href,
    alt: link.querySelector("img")?.alt ?? "",
    caption: link.closest("figure")?.querySelector("figcaption")?.textContent?.trim() ?? "",
  }));
}

function button(label: string, text: string, name: string): HTMLButtonElement {
  const el = document.createElement("button");
  el.type = "button";
  el.dataset.action = name;
  el.setAttribute("aria-label", label);
  el.textContent = text;
  return el;
}

/** Opens the viewer on photo `start` of a gallery. */
export function openViewer(gallery: HTMLElement, start: number): void {
  const photos = photosOf(gallery);
  if (photos.length === 0) return;
  let index = Math.min(Math.max(start, 0), photos.length - 1);
  const labels = gallery.dataset;

  const dialog = document.createElement("dialog");
  dialog.className = "gallery-viewer";
  dialog.setAttribute("aria-label", gallery.getAttribute("aria-label") ?? "");
  const bar = document.createElement("div");
  bar.className = "gallery-viewer__bar";
  const counter = document.createElement("p");
  counter.className = "gallery-viewer__count";
  counter.setAttribute("aria-live", "polite");
  const previous = button(labels.labelPrevious ?? "Previous", "←", "previous");
  const next = button(labels.labelNext ?? "Next", "→", "next");
  const close = button(labels.labelClose ?? "Close", "×", "close");
  bar.append(counter, previous, next, close);
  const image = document.createElement("img");
  const caption = document.createElement("p");
  caption.className = "gallery-viewer__caption";
  dialog.append(bar, image, caption);

  const show = (to: number): void => {
    index = (to + photos.length) % photos.length;
    const photo = photos[index]!;
    image.src = photo.src;
    image.alt = photo.alt;
    caption.textContent = photo.caption;
    counter.textContent = `${index + 1} / ${photos.length}`;
  };
  const finish = (): void => {
    dialog.remove();
    photos[index]?.link.focus();
  };

  dialog.addEventListener("click", (event) => {
    const action = (event.target as Element | null)?.closest<HTMLButtonElement>("button")?.dataset.action;
    if (action === "previous") show(index - 1);
    else if (action === "next") show(index + 1);
    else if (action === "close") dialog.close();
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft") show(index - 1);
    else if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "Tab") {
      // A modal dialog keeps the page inert, but Tab would still leave for the browser's own controls.
      const stops = [previous, next, close];
      const at = stops.indexOf(document.activeElement as HTMLButtonElement);
      stops[(at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
    } else return;
    event.preventDefault();
  });
  // Esc fires "cancel" then "close" on a modal dialog: one place to clean up.
  dialog.addEventListener("close", finish);

  let startX: number | null = null;
  image.addEventListener("pointerdown", (event) => {
    startX = event.clientX;
  });
  image.addEventListener("pointerup", (event) => {
    if (startX === null) return;
    const dx = event.clientX - startX;
    startX = null;
    if (Math.abs(dx) >= SWIPE_MIN_PX) show(dx < 0 ? index + 1 : index - 1);
  });

  show(index);
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}

/** Turns every gallery's photo links into openers of the viewer (the links still work without this). */
export function setUpGalleries(root: ParentNode): void {
  for (const gallery of root.querySelectorAll<HTMLElement>("[data-gallery]")) {
    gallery.addEventListener("click", (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = (event.target as Element | null)?.closest<HTMLAnchorElement>("a.gallery__open");
      if (!link) return;
      event.preventDefault();
      openViewer(
        gallery,
        photosOf(gallery).findIndex((photo) => photo.link === link),
      );
    });
  }
}
