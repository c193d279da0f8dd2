// Builds crates/sitrep_server/assets/world.json, the offline basemap of the web page, from
// Natural Earth country shapes (1:50m) as packaged by the npm package world-atlas.
//
//   cd web && npm ci && npm run world
//
// Output: {"attribution", "projection": "equirectangular: x = lon, y = -lat",
//          "countries": [{"id", "name", "d"}]} where `d` is an SVG path in degrees
// (relative moves, 2 decimals, repeated points dropped), ready for <path d=...>.
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const scale = process.argv[2] === "110m" ? "110m" : "50m";
const topo = JSON.parse(
  readFileSync(new URL(`./node_modules/world-atlas/countries-${scale}.json`, import.meta.url)),
);
const geo = feature(topo, topo.objects.countries);
const q = (v) => Math.round(v * 100);
// "0.31" -> ".31", "-0.02" -> "-.02": valid SVG path numbers, smaller file.
const num = (v) => String(v).replace(/^(-?)0\./, "$1.");

// Rings that cross the antimeridian jump from +180 to -180; make their longitudes continuous
// (so no edge spans the whole map) and draw a copy shifted by 360 degrees on the other side.
function unwrap(ring) {
  const out = [];
  let shift = 0, prev = null;
  for (const [lon, lat] of ring) {
    if (prev !== null && lon + shift - prev > 180) shift -= 360;
    else if (prev !== null && lon + shift - prev < -180) shift += 360;
    out.push([lon + shift, lat]);
    prev = lon + shift;
  }
  return out;
}
function ringPaths(raw) {
  const ring = unwrap(raw);
  const lons = ring.map((p) => p[0]);
  const paths = [ringPath(ring)];
  if (Math.max(...lons) > 180) paths.push(ringPath(ring.map(([x, y]) => [x - 360, y])));
  if (Math.min(...lons) < -180) paths.push(ringPath(ring.map(([x, y]) => [x + 360, y])));
  return paths.join("");
}

function ringPath(ring) {
  let out = "";
  let px = null, py = null;
  let n = 0;
  for (const [lon, lat] of ring) {
    const x = q(lon), y = q(-lat);
    if (px !== null && x === px && y === py) continue;
    if (px === null) out += `M${x / 100} ${y / 100}`;
    else {
      const dx = (x - px) / 100, dy = (y - py) / 100;
      out += `l${num(dx)}${dy < 0 ? "" : " "}${num(dy)}`;
    }
    px = x; py = y; n++;
  }
  return n >= 3 ? out + "z" : "";
}

const countries = [];
for (const f of geo.features) {
  const g = f.geometry;
  if (!g) continue;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const d = polys.flatMap((p) => p.map(ringPaths)).join("");
  if (d) countries.push({ id: f.id ?? null, name: f.properties?.name ?? "", d });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
const out = {
  attribution: "Made with Natural Earth (public domain), via world-atlas 2.0.2 (ISC licence)",
  scale,
  projection: "equirectangular: x = lon, y = -lat (degrees)",
  countries,
};
const path = new URL("../crates/sitrep_server/assets/world.json", import.meta.url);
writeFileSync(path, JSON.stringify(out));
console.log(`${countries.length} countries, ${JSON.stringify(out).length} bytes -> ${path.pathname}`);
