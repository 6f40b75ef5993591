import { variantWidthsFor } from "../../newsroom/media.service.js";
import { urls } from "../urls.js";

export interface PictureSource {
  file_key: string;
  width: number;
  height: number;
  alt: string;
}

interface PictureProps {
  image: PictureSource;
  /** The `sizes` attribute: how wide the image is drawn at each viewport. */
  sizes: string;
  /** Eager for the lead photo (it is the largest paint), lazy for everything else. */
  eager?: boolean;
  alt?: string;
  class?: string;
}

/** A responsive image: AVIF and WebP variants with a JPEG fallback, sized so the layout does not shift. */
export function Picture({ image, sizes, eager = false, alt, class: className }: PictureProps) {
  const widths = variantWidthsFor(image.width);
  const srcset = (format: "avif" | "webp" | "jpg") =>
    widths.map((w) => `${urls.media(image.file_key, w, format)} ${Math.min(w, image.width)}w`).join(", ");
  const fallback = widths.find((w) => w >= 800) ?? widths.at(-1) ?? 800;
  return (
    <picture>
      <source type="image/avif" srcset={srcset("avif")} sizes={sizes} />
      <source type="image/webp" srcset={srcset("webp")} sizes={sizes} />
      <img
        class={className}
        src={urls.media(image.file_key, fallback, "jpg")}
        srcset={srcset("jpg")}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt ?? image.alt}
        loading={eager ? "eager" : "lazy"}
        decoding="async"
        {...(eager ? { fetchpriority: "high" } : {})}
      />
    </picture>
  );
}
