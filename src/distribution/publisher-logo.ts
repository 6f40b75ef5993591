import sharp from "sharp";

/** Edge of the square publisher logo, in pixels (search engines want at least 112). */
export const LOGO_SIZE = 512;

/**
 * Gazette's publisher logo, drawn for this project: a "G" of one stroke over a red rule, on a
 * dark square. Paths only, no text, so it renders the same everywhere with no font installed.
 */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${LOGO_SIZE}" height="${LOGO_SIZE}" viewBox="0 0 512 512">
<title>Gazette</title>
<rect width="512" height="512" rx="88" fill="#16202e"/>
<path d="M356 150A140 140 0 1 0 396 250H266" fill="none" stroke="#fbfaf7" stroke-width="58" stroke-linecap="butt" stroke-linejoin="miter"/>
<rect x="96" y="424" width="320" height="28" fill="#c8102e"/>
</svg>
`;

let png: Promise<Buffer> | undefined;

/** The logo as PNG, for consumers that do not take SVG (structured data, feed images); made once. */
export function logoPng(): Promise<Buffer> {
  png ??= sharp(Buffer.from(LOGO_SVG)).png({ compressionLevel: 9 }).toBuffer();
  return png;
}
