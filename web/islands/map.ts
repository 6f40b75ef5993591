/**
 * The battle map island. The server page already shows an SVG of one day, the legend and the list
 * of changes; this turns the picture into a Leaflet map over the offline basemap (plus a tile
 * layer when the site sets one), with a date slider that keeps the day in the URL
 * (`?date=YYYY-MM-DD`), popups for events with their sources, and pins for recent stories.
 * Nothing is loaded from another host unless the site configures a tile URL.
 */
import "leaflet/dist/leaflet.css";
import "../styles/map.css";
import L from "leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

interface LayerFeatureProps {
  kind: "front" | "area" | "event";
  status?: "occupied" | "liberated" | "contested";
  confidence?: "assessed" | "claimed";
  name?: string | null;
  category?: string;
  time?: string;
  description?: string;
  source?: string;
}

interface IslandData {
  basemapUrl: string;
  tileUrl: string | null;
  center: { lat: number; lon: number };
  zoom: number;
  day: string | null;
  layers: { validOn: string; title: string; geojson: GeoJSON.FeatureCollection }[];
  pins: { lat: number; lon: number; title: string; url: string; place: string }[];
  labels: { lat: number; lon: number; label: string }[];
  strings: Record<string, string>;
  locale: string;
}

const AREA_COLOURS: Record<string, string> = { occupied: "#c0392b", contested: "#e67e22", liberated: "#2e86c1" };

function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Popup content built from nodes, so no text from a layer is ever parsed as HTML. */
function eventPopup(props: LayerFeatureProps, strings: Record<string, string>): HTMLElement {
  const box = document.createElement("div");
  box.className = "map-popup";
  const when = document.createElement("time");
  when.dateTime = props.time ?? "";
  when.textContent = (props.time ?? "").slice(0, 16).replace("T", " ");
  const text = document.createElement("p");
  text.textContent = props.description ?? "";
  box.append(when, text);
  if (props.source && /^https?:\/\//.test(props.source)) {
    const link = document.createElement("a");
    link.href = props.source;
    link.rel = "noopener nofollow";
    link.textContent = strings.source ?? "Source";
    link.className = "map-popup__source";
    box.append(link);
  }
  return box;
}

function storyPopup(pin: IslandData["pins"][number]): HTMLElement {
  const box = document.createElement("div");
  box.className = "map-popup";
  const place = document.createElement("p");
  place.className = "map-popup__place";
  place.textContent = pin.place;
  const link = document.createElement("a");
  link.href = pin.url;
  link.textContent = pin.title;
  box.append(place, link);
  return box;
}

async function drawBasemap(map: L.Map, url: string, underTiles: boolean): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) return;
  const topology = (await response.json()) as Topology;
  const countries = feature(topology, topology.objects.countries as GeometryCollection);
  const oblasts = feature(topology, topology.objects.oblasts as GeometryCollection);
  const pane = map.createPane("basemap");
  pane.classList.add("map-basemap-pane");
  L.geoJSON(countries, {
    pane: "basemap",
    interactive: false,
    style: { color: "#b5b3aa", weight: 1, fillColor: "#ecebe6", fillOpacity: underTiles ? 0 : 1 },
  }).addTo(map);
  L.geoJSON(oblasts, {
    pane: "basemap",
    interactive: false,
    style: { color: "#9c9a90", weight: 1, dashArray: "4 3", fillColor: "#fbfaf6", fillOpacity: underTiles ? 0 : 1 },
  }).addTo(map);
}

function start(data: IslandData, figure: HTMLElement): void {
  const svg = figure.querySelector<HTMLElement>(".map-figure__svg");
  if (!svg || data.layers.length === 0) return;
  const holder = document.createElement("div");
  holder.className = "map-leaflet";
  holder.id = "leaflet-map";
  svg.replaceWith(holder);
  figure.classList.add("map-figure--live");
  const map = L.map(holder, { center: [data.center.lat, data.center.lon], zoom: data.zoom, minZoom: 5, maxZoom: 15 });
  map.attributionControl.setPrefix(false);
  map.getContainer().style.background = "#dbe7ef";
  if (data.tileUrl) L.tileLayer(data.tileUrl, { maxZoom: 18 }).addTo(map);
  void drawBasemap(map, data.basemapUrl, Boolean(data.tileUrl));

  const layerGroup = L.layerGroup().addTo(map);
  for (const town of data.labels) {
    L.circleMarker([town.lat, town.lon], {
      radius: 2.5,
      color: "#333",
      weight: 1,
      fillColor: "#333",
      fillOpacity: 1,
      interactive: false,
    })
      .bindTooltip(town.label, { permanent: true, direction: "right", className: "map-label", offset: [4, 0] })
      .addTo(map);
  }
  const pinGroup = L.layerGroup().addTo(map);
  for (const pin of data.pins) {
    L.circleMarker([pin.lat, pin.lon], {
      radius: 6,
      color: "#ffffff",
      weight: 1.5,
      fillColor: "#1f3a5f",
      fillOpacity: 1,
      className: "map-pin",
    })
      .bindPopup(storyPopup(pin))
      .addTo(pinGroup);
  }

  const caption = figure.querySelector<HTMLElement>("#map-date");
  const draw = (index: number): void => {
    const layer = data.layers[index];
    if (!layer) return;
    layerGroup.clearLayers();
    L.geoJSON(layer.geojson, {
      style: (f) => {
        const props = (f?.properties ?? {}) as LayerFeatureProps;
        // Events keep the look pointToLayer gave them.
        if (props.kind === "event") return {};
        if (props.kind === "front") return { color: "#8e1b10", weight: 3, className: "map-front" };
        const colour = AREA_COLOURS[props.status ?? ""] ?? "#777";
        const claimed = props.confidence === "claimed";
        return {
          color: colour,
          weight: 1,
          fillColor: colour,
          fillOpacity: claimed ? 0.12 : 0.28,
          dashArray: claimed ? "5 3" : undefined,
          className: `map-area map-area--${props.status ?? "unknown"}${claimed ? " map-area--claimed" : ""}`,
        };
      },
      pointToLayer: (_f, latlng) =>
        L.circleMarker(latlng, {
          radius: 7,
          color: "#333",
          weight: 1.5,
          fillColor: "#f1c40f",
          fillOpacity: 1,
          className: "map-event",
        }),
      onEachFeature: (f, leafletLayer) => {
        const props = (f.properties ?? {}) as LayerFeatureProps;
        if (props.kind === "event") leafletLayer.bindPopup(eventPopup(props, data.strings));
      },
    }).addTo(layerGroup);
    if (caption) {
      caption.textContent = `${data.strings.date ?? ""} ${formatDay(layer.validOn, data.locale)} — ${layer.title}`;
      caption.dataset.day = layer.validOn;
    }
  };

  // The newest layer on or before the page's day, as the server chose it.
  let index = data.layers.length - 1;
  if (data.day) {
    const found = data.layers.findLastIndex((l) => l.validOn <= (data.day as string));
    index = Math.max(found, 0);
  }
  const controls = document.createElement("div");
  controls.className = "map-slider";
  const label = document.createElement("label");
  label.htmlFor = "map-slider";
  label.textContent = data.strings.slider ?? "";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.id = "map-slider";
  slider.min = "0";
  slider.max = String(data.layers.length - 1);
  slider.step = "1";
  slider.value = String(index);
  const output = document.createElement("output");
  output.htmlFor.add("map-slider");
  const show = (i: number, push: boolean): void => {
    const layer = data.layers[i];
    if (!layer) return;
    draw(i);
    output.textContent = formatDay(layer.validOn, data.locale);
    slider.setAttribute("aria-valuetext", output.textContent);
    if (push) {
      const url = new URL(window.location.href);
      url.searchParams.set("date", layer.validOn);
      history.replaceState(null, "", url);
    }
  };
  slider.addEventListener("input", () => show(Number(slider.value), true));
  controls.append(label, slider, output);
  figure.after(controls);
  const form = document.querySelector<HTMLFormElement>(".map-date-form");
  if (form) form.hidden = true;
  show(index, false);
}

const dataElement = document.getElementById("map-data");
const figure = document.getElementById("battle-map");
if (dataElement?.textContent && figure) start(JSON.parse(dataElement.textContent) as IslandData, figure);
