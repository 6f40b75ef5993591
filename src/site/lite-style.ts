/**
 * The one stylesheet of lite pages, inline in a single `<style>` (no request for a CSS file on a
 * weak signal). System fonts only: nothing to download. Kept under 2 KB; a test checks it. The
 * site's Content-Security-Policy allows exactly this text by its hash (`app.ts`).
 */
export const LITE_CSS = [
  ":root{color-scheme:light dark;font:1.05rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
  "body{max-width:40rem;margin:0 auto;padding:0 .8rem 2rem}",
  "a{color:#0645ad}",
  "@media (prefers-color-scheme:dark){a{color:#8ab4f8}}",
  "header{border-bottom:1px solid;padding:.6rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:baseline}",
  "header a{font-weight:700}",
  "nav{margin-left:auto}nav a{margin-left:.6rem;font-weight:400}",
  "h1{font-size:1.5rem;line-height:1.25;margin:.8rem 0 .4rem}",
  "h2{font-size:1.15rem;margin:1.2rem 0 .3rem}h3{font-size:1rem}",
  "ol.news,ul.news{list-style:none;padding:0}.news li{margin:0 0 .9rem}",
  ".news a{font-weight:700;text-decoration:none}",
  ".meta,.news p,figcaption,.note{color:#666;font-size:.9rem;margin:.15rem 0}",
  "@media (prefers-color-scheme:dark){.meta,.news p,figcaption,.note{color:#aaa}}",
  ".dek{font-size:1.1rem}",
  "blockquote{margin:1rem 0;padding-left:.8rem;border-left:3px solid}",
  "figure{margin:1rem 0}",
  ".pin{border:2px solid #c00;padding:.3rem .8rem;margin:1rem 0}",
  "footer{border-top:1px solid;margin-top:2rem;padding-top:.6rem}",
].join("");
