import { type HeadTag, jsonForScript } from "../page-head.js";

/** Renders the extra `<head>` elements other capabilities give a page. */
export function HeadTags({ tags }: { tags: readonly HeadTag[] }) {
  return (
    <>
      {tags.map((tag) => {
        switch (tag.kind) {
          case "meta":
            return <meta name={tag.name} content={tag.content} />;
          case "property":
            return <meta property={tag.property} content={tag.content} />;
          case "link":
            return <link rel={tag.rel} href={tag.href} type={tag.type} title={tag.title} hreflang={tag.hreflang} />;
          case "json-ld":
            // A data block, not a script: CSP `script-src` does not apply, and jsonForScript keeps
            // the JSON from ending the element early.
            return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(tag.data) }} />;
          default:
            return null;
        }
      })}
    </>
  );
}
