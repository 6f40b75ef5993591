/** Browser-safe (the admin app uses it too): the limits of a gallery block. */

/** Fewer than two photos is an image block; more than forty is a photo essay of its own. */
export const GALLERY_MIN_PHOTOS = 2;
export const GALLERY_MAX_PHOTOS = 40;
/** The same limits as an image block's fields. */
export const GALLERY_MAX_CAPTION = 1000;
export const GALLERY_MAX_CREDIT = 300;
export const GALLERY_MAX_ALT = 500;

export const GALLERY_LAYOUTS = ["grid", "slideshow"] as const;
export type GalleryLayout = (typeof GALLERY_LAYOUTS)[number];
