import type { ArticleQueries } from "../../newsroom/article-queries.service.js";
import type { EditionsService } from "../../newsroom/editions.service.js";
import type { MapsService } from "../maps.service.js";

/**
 * The demo battle map: the fight for Bakhmut in five dated layers, drawn by hand for the demo. It
 * is an illustration of how the map works, not a record of where the front ran on those days.
 */

type Position = [number, number];

interface DemoLayer {
  validOn: string;
  title: string;
  note: string;
  /** Longitude of the front at the latitude of the city centre; the line bends around it. */
  frontLon: number;
  /** How far west of the line the contested belt reaches, in degrees. */
  contested: number;
  /** An advance one side claims and nobody has confirmed: [west, south, east, north]. */
  claimed?: [number, number, number, number];
  events: { at: Position; category: string; time: string; description: string; source: string }[];
}

const NORTH = 48.92;
const SOUTH = 48.26;
const EAST = 38.7;

const LAYERS: DemoLayer[] = [
  {
    validOn: "2022-08-01",
    title: "Assaults reach the eastern approaches",
    note: "Russian units press from Popasna towards the city's eastern outskirts.",
    frontLon: 38.13,
    contested: 0.02,
    events: [
      {
        at: [38.09, 48.6],
        category: "shelling",
        time: "2022-08-01T05:40:00Z",
        description: "Artillery hits the eastern industrial district.",
        source: "https://example.org/demo/reports/2022-08-01-shelling",
      },
    ],
  },
  {
    validOn: "2022-12-15",
    title: "Fighting on the city's eastern edge",
    note: "Trench lines run along the eastern districts; the south-east is contested.",
    frontLon: 38.07,
    contested: 0.03,
    events: [
      {
        at: [38.05, 48.57],
        category: "assault",
        time: "2022-12-15T09:00:00Z",
        description: "Infantry assault on the south-eastern quarter repelled.",
        source: "https://example.org/demo/reports/2022-12-15-assault",
      },
    ],
  },
  {
    validOn: "2023-02-20",
    title: "Flanks narrow north and south",
    note: "Pressure on Soledar's side in the north and towards Ivanivske in the south narrows the road west.",
    frontLon: 38.03,
    contested: 0.04,
    claimed: [37.9, 48.62, 37.98, 48.68],
    events: [
      {
        at: [37.98, 48.6],
        category: "drone",
        time: "2023-02-20T03:15:00Z",
        description: "Drone strike on a supply truck on the Chasiv Yar road.",
        source: "https://example.org/demo/reports/2023-02-20-drone",
      },
      {
        at: [37.93, 48.57],
        category: "airstrike",
        time: "2023-02-20T12:30:00Z",
        description: "Guided bombs fall on Ivanivske.",
        source: "https://example.org/demo/reports/2023-02-20-airstrike",
      },
    ],
  },
  {
    validOn: "2023-04-15",
    title: "Street fighting in the centre",
    note: "The line runs through the city centre; western high-rise blocks still held.",
    frontLon: 37.99,
    contested: 0.035,
    claimed: [37.93, 48.58, 37.97, 48.61],
    events: [
      {
        at: [37.99, 48.595],
        category: "assault",
        time: "2023-04-15T07:00:00Z",
        description: "Fighting for the city administration building.",
        source: "https://example.org/demo/reports/2023-04-15-centre",
      },
    ],
  },
  {
    validOn: "2023-05-20",
    title: "Western blocks fall; flanks shift",
    note: "The city is occupied; counter-attacks push the line back near Klishchiivka and Berkhivka.",
    frontLon: 37.95,
    contested: 0.03,
    events: [
      {
        at: [37.96, 48.53],
        category: "advance",
        time: "2023-05-20T10:00:00Z",
        description: "Advance along the tree lines north-west of Klishchiivka.",
        source: "https://example.org/demo/reports/2023-05-20-flank",
      },
      {
        at: [37.95, 48.6],
        category: "shelling",
        time: "2023-05-20T18:20:00Z",
        description: "Heavy shelling of the last western quarter.",
        source: "https://example.org/demo/reports/2023-05-20-west",
      },
    ],
  },
];

/** The front as a line from north to south, bulging west around the city centre (48.59°N). */
function frontLine(lon: number): Position[] {
  const points: Position[] = [];
  for (let lat = NORTH; lat >= SOUTH - 1e-9; lat -= 0.03) {
    const bulge = 0.025 * Math.exp(-(((lat - 48.59) / 0.06) ** 2));
    const wobble = 0.006 * Math.sin(lat * 90);
    points.push([round(lon - bulge + wobble), round(lat)]);
  }
  return points;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function closed(points: Position[]): Position[][] {
  return [[...points, points[0]!]];
}

export function demoLayerGeoJson(layer: DemoLayer) {
  const line = frontLine(layer.frontLon);
  const occupied = closed([...line, [EAST, SOUTH], [EAST, NORTH]]);
  const westEdge = line.map(([lon, lat]): Position => [round(lon - layer.contested), lat]);
  const contested = closed([...line, ...westEdge.reverse()]);
  const features: unknown[] = [
    {
      type: "Feature",
      geometry: { type: "Polygon", coordinates: occupied },
      properties: { status: "occupied", confidence: "assessed" },
    },
    {
      type: "Feature",
      geometry: { type: "Polygon", coordinates: contested },
      properties: { status: "contested", confidence: "assessed" },
    },
    { type: "Feature", geometry: { type: "LineString", coordinates: line }, properties: { name: "Front line" } },
  ];
  if (layer.claimed) {
    const [w, s, e, n] = layer.claimed;
    features.push({
      type: "Feature",
      geometry: {
        type: "Polygon",
        coordinates: closed([
          [w, s],
          [e, s],
          [e, n],
          [w, n],
        ]),
      },
      properties: { status: "occupied", confidence: "claimed" },
    });
  }
  for (const event of layer.events) {
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: event.at },
      properties: { category: event.category, time: event.time, description: event.description, source: event.source },
    });
  }
  return { type: "FeatureCollection", features };
}

export const DEMO_MAP_SLUG = "bakhmut";

/** Creates the demo map and tags the demo stories with the places they name; once per database. */
export async function seedDemoMap(maps: MapsService, articles: ArticleQueries, editions: EditionsService) {
  if (await maps.findMapBySlug(DEMO_MAP_SLUG)) return { tagged: 0 };
  {
    const map = await maps.createMap({
      slug: DEMO_MAP_SLUG,
      texts: {
        uk: {
          title: "Битва за Бахмут: мапа бойових дій",
          description: "Як змінювалася лінія фронту навколо Бахмута: демонстраційна мапа з п'ятьма датами.",
        },
        ru: {
          title: "Битва за Бахмут: карта боевых действий",
          description: "Как менялась линия фронта вокруг Бахмута: демонстрационная карта с пятью датами.",
        },
        en: {
          title: "Battle for Bakhmut: battle map",
          description: "How the front moved around Bakhmut: a demonstration map with five dates.",
        },
      },
      center: { lat: 48.59, lon: 38.0 },
      zoom: 10,
    });
    for (const layer of LAYERS) {
      const added = await maps.addLayer(
        map.id,
        {
          validOn: layer.validOn,
          title: layer.title,
          note: layer.note,
          language: "en",
          geojson: demoLayerGeoJson(layer),
        },
        null,
      );
      // A new layer is a draft; the demo's are on the site from the start.
      await maps.publishLayer(map.id, added.id);
    }
  }
  let tagged = 0;
  for (const edition of editions.list()) {
    for (const article of await articles.publishedSince(edition.code, new Date(0), 1000)) {
      await maps.geotagArticle(articles, article.id);
      tagged++;
    }
  }
  return { tagged };
}
