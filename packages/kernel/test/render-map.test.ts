/** `render scatterchart with (kind=map)`: points on a world map whose outlines are embedded from world-atlas. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderChart, renderToVegaLite } from '../src/render/index.ts';
import { assertNoUrls, compiles, drawn, marks, render, signInLocations, type Result, type Spec } from './render-fixtures.ts';

const layers = (spec: Spec | undefined) => spec?.layer as Spec[];
const pointValues = (spec: Spec | undefined) => (layers(spec)[1]!.data as Spec).values as Spec[];
const pointEncoding = (spec: Spec | undefined) => layers(spec)[1]!.encoding as Record<string, Spec>;

/** The country paths Vega drew in the geoshape layer. */
function countries(svg: string): number {
  const start = svg.indexOf('aria-roledescription="shape mark container"');
  return svg.slice(start, svg.indexOf('</g>', start)).split('<path').length - 1;
}

test('sign-in locations: the world outline as inline TopoJSON under circles at Longitude/Latitude, coloured by user, sized by count', async () => {
  const chart = renderChart(signInLocations.columns, signInLocations.rows, render('scatterchart', { kind: 'map', title: 'Sign-ins' }));
  const spec = chart.spec;
  assert.deepEqual(spec?.projection, { type: 'equalEarth' });
  const [world, points] = layers(spec);
  assert.equal((world!.mark as Spec).type, 'geoshape');
  assert.deepEqual((world!.data as Spec).format, { type: 'topojson', feature: 'countries' });
  assert.equal(((world!.data as Spec).values as Spec).type, 'Topology');
  assert.equal((points!.mark as Spec).type, 'circle');
  const enc = pointEncoding(spec);
  assert.deepEqual(enc.longitude, { field: 'lon', type: 'quantitative' });
  assert.deepEqual(enc.latitude, { field: 'lat', type: 'quantitative' });
  assert.equal(enc.color!.title, 'UserPrincipalName');
  assert.deepEqual(enc.size, { field: 'size', type: 'quantitative', title: 'SignIns' });
  assert.deepEqual(pointValues(spec)[0], { lon: -122.33, lat: 47.61, key: 'alice@contoso.com', size: 40 });
  assert.equal(pointValues(spec).length, 3);
  assert.deepEqual(chart.notes, ['1 row(s) without a valid longitude/latitude are not on the map.']);
  assertNoUrls(spec);
  const svg = await drawn(spec);
  assert.ok(countries(svg) > 150, `countries drawn from the embedded outline (${countries(svg)})`);
  assert.equal(marks(svg, 'circle'), 3);
});

test('kind=map finds lon/lat by name (lng, SrcLat ...), else a GeoJSON point, else the first two real columns', () => {
  const named: Result = { columns: [{ name: 'IP', type: 'string' }, { name: 'SrcLat', type: 'real' }, { name: 'SrcLng', type: 'real' }], rows: [['1.2.3.4', 10, 20]] };
  assert.deepEqual(pointValues(renderToVegaLite(named.columns, named.rows, render('scatterchart', { kind: 'map' }))), [{ lon: 20, lat: 10, key: '1.2.3.4' }]);
  const geo: Result = { columns: [{ name: 'Where', type: 'dynamic' }, { name: 'n', type: 'long' }], rows: [['{"type":"Point","coordinates":[2.35,48.85]}', 7]] };
  const geoSpec = renderToVegaLite(geo.columns, geo.rows, render('scatterchart', { kind: 'map' }));
  assert.deepEqual(pointValues(geoSpec), [{ lon: 2.35, lat: 48.85, size: 7 }]);
  compiles(geoSpec);
  const plain: Result = { columns: [{ name: 'a', type: 'real' }, { name: 'b', type: 'real' }], rows: [[-74, 40.7]] };
  const plainSpec = renderToVegaLite(plain.columns, plain.rows, render('scatterchart', { kind: 'map' }));
  assert.deepEqual(pointValues(plainSpec), [{ lon: -74, lat: 40.7 }]);
  assert.equal((layers(plainSpec)[1]!.mark as Spec).size, 40, 'a fixed size without a numeric column');
  compiles(plainSpec);
});

test('piechart kind=map is a map too; series and legend=hidden are honoured', () => {
  const spec = renderToVegaLite(signInLocations.columns, signInLocations.rows, render('piechart', { kind: 'map', series: 'UserPrincipalName', legend: 'hidden' }));
  assert.equal(pointEncoding(spec).color!.legend, null);
  compiles(spec);
});

test('kind=map without coordinates draws nothing and says why', () => {
  const chart = renderChart([{ name: 'Account', type: 'string' }, { name: 'n', type: 'long' }], [['a', 1]], render('scatterchart', { kind: 'map' }));
  assert.equal(chart.spec, undefined);
  assert.match(chart.notes[0]!, /no longitude\/latitude/);
});
