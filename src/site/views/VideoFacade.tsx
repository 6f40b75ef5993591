import type { EmbedProvider } from "../../newsroom/body.types.js";

/** The provider's own page of a video: where the facade, and the lite pages, link. */
export const WATCH_URL: Record<EmbedProvider, (id: string) => string> = {
  youtube: (id) => `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`,
  vimeo: (id) => `https://vimeo.com/${encodeURIComponent(id)}`,
};

export const PROVIDER_NAME: Record<EmbedProvider, string> = { youtube: "YouTube", vimeo: "Vimeo" };

interface VideoFacadeProps {
  provider: EmbedProvider;
  videoId: string;
  title: string;
  playLabel?: string;
}

/**
 * A click-to-load video: a plain link to the video until the reader presses it, so the page
 * makes no request to the provider. The site island swaps in the privacy-mode player on click.
 */
export function VideoFacade({ provider, videoId, title, playLabel }: VideoFacadeProps) {
  return (
    <div class="video-facade" data-video-provider={provider} data-video-id={videoId} data-video-title={title}>
      <a class="video-facade__link" href={WATCH_URL[provider](videoId)} rel="noopener noreferrer">
        <span class="video-facade__play" aria-hidden="true" />
        <span class="video-facade__title">{title}</span>
        {playLabel ? <span class="visually-hidden"> — {playLabel}</span> : null}
      </a>
    </div>
  );
}
