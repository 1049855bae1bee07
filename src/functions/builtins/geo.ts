/**
 * GEO_DISTANCE (ksqlDB's GeoDistance): the great-circle distance between two points given in
 * decimal degrees, by the haversine formula, in kilometers or miles.
 */
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition } from '../definition.js';
import { Category, primitive, scalar } from './util/define.js';

const EARTH_RADIUS_KM = 6371;
const EARTH_RADIUS_MILES = 3959;
const MILES = ['mi', 'mile', 'miles'];
const KILOMETERS = ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'];
const DEGREES_TO_RADIANS = 0.017453292519943295;

function radiusFor(units: string | null): number {
  if (units === null || units.trim().length === 0) return EARTH_RADIUS_KM;
  const unit = units.trim().toLowerCase();
  if (MILES.includes(unit)) return EARTH_RADIUS_MILES;
  if (KILOMETERS.includes(unit)) return EARTH_RADIUS_KM;
  throw new ExecutionError(
    'GeoDistance function units parameter must be one of mi, mile, miles, km, kilometer, kilometers, kilometre or kilometres. Values are case-insensitive.',
  );
}

function haversin(value: number): number {
  return Math.pow(Math.sin(value / 2), 2);
}

type Dbl = number | null;

function geoDistance(
  lat1: Dbl,
  lon1: Dbl,
  lat2: Dbl,
  lon2: Dbl,
  units: string | null = 'km',
): number {
  const [a1, o1, a2, o2] = [lat1, lon1, lat2, lon2].map((v) => primitive(v, 'GEO_DISTANCE')) as [
    number,
    number,
    number,
    number,
  ];
  if (a1 < -90 || a2 < -90 || a1 > 90 || a2 > 90) {
    throw new ExecutionError(
      'valid latitude values for GeoDistance function are in the range of -90 to 90 decimal degrees',
    );
  }
  if (o1 < -180 || o2 < -180 || o1 > 180 || o2 > 180) {
    throw new ExecutionError(
      'valid longitude values for GeoDistance function are in the range of -180 to +180 decimal degrees',
    );
  }
  const radius = radiusFor(units);
  const deltaLat = (a2 - a1) * DEGREES_TO_RADIANS;
  const deltaLon = (o2 - o1) * DEGREES_TO_RADIANS;
  const a =
    haversin(deltaLat) +
    haversin(deltaLon) * Math.cos(a1 * DEGREES_TO_RADIANS) * Math.cos(a2 * DEGREES_TO_RADIANS);
  return 2 * Math.asin(Math.sqrt(a)) * radius;
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'geo_distance',
    Category.OTHER,
    'Compute the distance between two points on the surface of the earth, according to the Haversine formula for "great circle distance".',
    [
      {
        params: ['DOUBLE lat1', 'DOUBLE lon1', 'DOUBLE lat2', 'DOUBLE lon2', 'STRING units'],
        returns: 'DOUBLE',
        impl: geoDistance,
      },
      {
        params: ['DOUBLE lat1', 'DOUBLE lon1', 'DOUBLE lat2', 'DOUBLE lon2'],
        returns: 'DOUBLE',
        impl: (a: Dbl, b: Dbl, c: Dbl, d: Dbl) => geoDistance(a, b, c, d),
      },
    ],
  ),
];
