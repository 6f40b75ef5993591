import type { DemoStory } from "./demo-types.js";

type Theme = DemoStory["picture"];

interface Palette {
  sky: [string, string];
  far: string;
  near: string;
  accent: string;
}

const PALETTES: Record<Theme, Palette> = {
  dusk: { sky: ["#2b3a67", "#f2a65a"], far: "#5a4e6e", near: "#2d2a3a", accent: "#ffd29d" },
  field: { sky: ["#7fb4e0", "#e8f1f7"], far: "#7d9b5a", near: "#4f6b36", accent: "#fff6d8" },
  city: { sky: ["#5d6f86", "#c9d2dc"], far: "#6b7480", near: "#3b414a", accent: "#f4e3b1" },
  sea: { sky: ["#6fa3c7", "#e4eef4"], far: "#3f7296", near: "#1f4d6e", accent: "#ffffff" },
  snow: { sky: ["#aebfcf", "#eef2f5"], far: "#c7d3de", near: "#e9eef2", accent: "#ffffff" },
  night: { sky: ["#0b1426", "#2a3b5c"], far: "#1c2436", near: "#0e131d", accent: "#f5e6a8" },
  smoke: { sky: ["#7b7670", "#c8c1b6"], far: "#8c857c", near: "#4a4641", accent: "#e8ddd0" },
  sunflower: { sky: ["#4a90d9", "#cfe6fa"], far: "#8aa04a", near: "#6b7d2c", accent: "#f6c12b" },
};

/**
 * What each theme's generated picture shows, per edition language. The pictures are drawings, not
 * photographs of the events in the stories, so the alt text says what is drawn and nothing more.
 */
const ALT_TEXTS: Record<Theme, Record<"uk" | "ru" | "en", string>> = {
  dusk: {
    uk: "Ілюстрація: бліде сонце над темними пагорбами, вечірнє небо переходить із синього в помаранчеве.",
    ru: "Иллюстрация: бледное солнце над тёмными холмами, вечернее небо переходит из синего в оранжевое.",
    en: "Illustration: a pale sun above dark hills, the evening sky fading from blue to orange.",
  },
  field: {
    uk: "Ілюстрація: зелені пагорби під блакитним небом і блідим сонцем, попереду луг із дрібними жовтими квітами.",
    ru: "Иллюстрация: зелёные холмы под голубым небом и бледным солнцем, впереди луг с мелкими жёлтыми цветами.",
    en: "Illustration: green hills under a light blue sky and a pale sun, with a meadow of small yellow flowers in front.",
  },
  city: {
    uk: "Ілюстрація: темні силуети міських будинків із кількома освітленими вікнами під сірим небом і блідим сонцем.",
    ru: "Иллюстрация: тёмные силуэты городских домов с несколькими освещёнными окнами под серым небом и бледным солнцем.",
    en: "Illustration: dark outlines of city buildings with a few lit windows under a grey sky and a pale sun.",
  },
  sea: {
    uk: "Ілюстрація: невелике темне судно з червоною рубкою на спокійному синьому морі, пагорби на дальньому березі й біле сонце.",
    ru: "Иллюстрация: небольшое тёмное судно с красной рубкой на спокойном синем море, холмы на дальнем берегу и белое солнце.",
    en: "Illustration: a small dark boat with a red cabin on a calm blue sea, hills on the far shore and a white sun.",
  },
  snow: {
    uk: "Ілюстрація: ряд опор лінії електропередачі на засніженій рівнині, з блідо-сірого неба падає сніг.",
    ru: "Иллюстрация: ряд опор линии электропередачи на заснеженной равнине, с бледно-серого неба падает снег.",
    en: "Illustration: a row of power-line pylons across a snowy plain, with snow falling from a pale grey sky.",
  },
  night: {
    uk: "Ілюстрація: темні силуети міста з кількома освітленими вікнами під зоряним нічним небом і великим блідим місяцем.",
    ru: "Иллюстрация: тёмные силуэты города с несколькими освещёнными окнами под звёздным ночным небом и большой бледной луной.",
    en: "Illustration: a dark city skyline with a few lit windows under a starry night sky and a large pale moon.",
  },
  smoke: {
    uk: "Ілюстрація: сірий дим здіймається над дахами міста під імлистим сірим небом.",
    ru: "Иллюстрация: серый дым поднимается над крышами города под мглистым серым небом.",
    en: "Illustration: grey smoke rising over the rooftops of a city under a hazy grey sky.",
  },
  sunflower: {
    uk: "Ілюстрація: поле соняшників біля зелених пагорбів, жовте сонце в ясному блакитному небі.",
    ru: "Иллюстрация: поле подсолнухов у зелёных холмов, жёлтое солнце в ясном голубом небе.",
    en: "Illustration: a field of sunflowers below green hills, with a yellow sun in a clear blue sky.",
  },
};

/** The alt text of a generated demo picture, in the edition's language. */
export function demoPictureAlt(theme: Theme, language: "uk" | "ru" | "en"): string {
  return ALT_TEXTS[theme][language];
}

/** A small deterministic random generator, so a story's picture is the same on every seed. */
function random(seedText: string): () => number {
  let seed = 2166136261;
  for (const char of seedText) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619);
  return () => {
    seed = Math.imul(seed ^ (seed >>> 15), 2246822507);
    seed = Math.imul(seed ^ (seed >>> 13), 3266489909);
    seed ^= seed >>> 16;
    return (seed >>> 0) / 4294967296;
  };
}

function ridge(rand: () => number, width: number, base: number, amplitude: number, steps: number): string {
  const points: string[] = [`M0 ${base}`];
  for (let i = 1; i <= steps; i++) {
    const x = (width / steps) * i;
    const y = base - amplitude * (0.3 + rand() * 0.7);
    points.push(`Q ${x - width / steps / 2} ${y - amplitude * 0.4 * rand()} ${x} ${y}`);
  }
  return `${points.join(" ")} L ${width} 900 L 0 900 Z`;
}

/**
 * An illustrative landscape as SVG. Demo articles need lead photos, and none may be downloaded,
 * so each story gets a generated picture in its own colours.
 */
export function demoPictureSvg(key: string, theme: Theme, width = 1600, height = 900): string {
  const rand = random(key);
  const p = PALETTES[theme];
  const horizon = height * (0.55 + rand() * 0.1);
  const parts: string[] = [];
  const sunX = width * (0.15 + rand() * 0.7);
  const sunY = horizon * (0.3 + rand() * 0.4);
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${40 + rand() * 50}" fill="${p.accent}" opacity="0.85"/>`);
  if (theme === "night") {
    for (let i = 0; i < 120; i++) {
      parts.push(
        `<circle cx="${rand() * width}" cy="${rand() * horizon}" r="${rand() * 2 + 0.5}" fill="#fff" opacity="${rand()}"/>`,
      );
    }
  }
  parts.push(`<path d="${ridge(rand, width, horizon, 120, 6)}" fill="${p.far}"/>`);
  if (theme === "city" || theme === "night" || theme === "smoke") {
    let x = 0;
    while (x < width) {
      const w = 40 + rand() * 90;
      const h = 60 + rand() * 220;
      parts.push(`<rect x="${x}" y="${horizon - h + 40}" width="${w}" height="${h + 400}" fill="${p.near}"/>`);
      for (let wy = horizon - h + 60; wy < horizon + 20; wy += 26) {
        if (rand() > 0.6)
          parts.push(`<rect x="${x + 10}" y="${wy}" width="10" height="12" fill="${p.accent}" opacity="0.7"/>`);
      }
      x += w + rand() * 20;
    }
  }
  if (theme === "smoke") {
    for (let i = 0; i < 9; i++) {
      parts.push(
        `<ellipse cx="${width * 0.6 + rand() * 300}" cy="${horizon - 150 - i * 50}" rx="${120 + i * 30}" ry="${60 + i * 10}" fill="#5e5953" opacity="${0.35 - i * 0.03}"/>`,
      );
    }
  }
  if (theme === "sea") {
    parts.push(`<rect x="0" y="${horizon + 30}" width="${width}" height="${height}" fill="${p.near}"/>`);
    for (let i = 0; i < 40; i++) {
      const y = horizon + 50 + rand() * (height - horizon);
      parts.push(
        `<rect x="${rand() * width}" y="${y}" width="${60 + rand() * 160}" height="3" fill="${p.accent}" opacity="0.35"/>`,
      );
    }
    parts.push(
      `<path d="M${width * 0.3} ${horizon + 20} h 260 l -30 40 h -210 z" fill="#2b2b2b"/><rect x="${width * 0.3 + 70}" y="${horizon - 30}" width="90" height="50" fill="#c0392b"/>`,
    );
  } else {
    parts.push(`<path d="${ridge(rand, width, horizon + 120, 90, 4)}" fill="${p.near}"/>`);
  }
  if (theme === "sunflower" || theme === "field") {
    for (let i = 0; i < 90; i++) {
      const x = rand() * width;
      const y = horizon + 140 + rand() * (height - horizon - 140);
      const r = 6 + ((y - horizon) / height) * 26;
      const colour = theme === "sunflower" ? p.accent : "#c9b458";
      parts.push(
        `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/><circle cx="${x}" cy="${y}" r="${r * 0.4}" fill="#4a3410"/>`,
      );
    }
  }
  if (theme === "snow") {
    for (let i = 0; i < 200; i++) {
      parts.push(
        `<circle cx="${rand() * width}" cy="${rand() * height}" r="${rand() * 3 + 1}" fill="#fff" opacity="0.8"/>`,
      );
    }
    for (let i = 0; i < 6; i++) {
      const x = 100 + i * 260 + rand() * 60;
      parts.push(
        `<path d="M${x} ${horizon + 40} l 8 -220 l 8 220 z" fill="#6d6d6d"/><path d="M${x - 40} ${horizon - 150} h 96" stroke="#6d6d6d" stroke-width="5"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>${parts.join("")}</svg>`;
}
