import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { PageContext } from "../site.service.js";
import { Layout } from "./Layout.js";

interface MessagePageProps {
  context: PageContext;
  assets: Assets;
  publicUrl: string;
  title: string;
  body: string;
  backHref: string;
  backLabel: string;
  head?: readonly HeadTag[];
}

/** A short page that tells the reader one thing and offers one way on. */
export function MessagePage({ context, assets, publicUrl, title, body, backHref, backLabel, head }: MessagePageProps) {
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${title} — ${context.settings.siteName}`}
      canonical={`${publicUrl}${context.edition.basePath}`}
      pageType="error"
      head={head}
    >
      <div class="message-page">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a class="button" href={backHref}>
            {backLabel}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export type ErrorKind = "notFound" | "badCursor" | "server";

export function ErrorPage(props: {
  context: PageContext;
  assets: Assets;
  publicUrl: string;
  kind: ErrorKind;
  backHref?: string;
  head?: readonly HeadTag[];
}) {
  const lang = props.context.edition.language;
  return (
    <MessagePage
      {...props}
      title={translate(lang, `error.${props.kind}.title`)}
      body={translate(lang, `error.${props.kind}.body`)}
      backHref={props.backHref ?? props.context.edition.basePath}
      backLabel={translate(lang, props.kind === "badCursor" ? "error.badCursor.back" : "error.notFound.back")}
    />
  );
}
