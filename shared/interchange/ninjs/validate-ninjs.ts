import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
// The attribute lets Node itself (Playwright's loader) read the JSON, as the bundlers do.
import schema from './ninjs-schema_2.2.json' with { type: 'json' };

/**
 * Validation against IPTC's ninjs 2.2 schema (a copy of the published file,
 * MIT licensed — see LICENSE-ninjs-schema), offline. The schema refers to
 * GeoJSON by URL for a place's `geojson`; a local stand-in registered under
 * that URL checks the shape GeoJSON objects share (a known `type`), so no
 * validation ever reaches for the network.
 */

export const GEOJSON_SCHEMA_URL = 'https://geojson.org/schema/GeoJSON.json';

const GEOJSON_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Feature', 'FeatureCollection'];

export const GEOJSON_STAND_IN = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: GEOJSON_SCHEMA_URL,
  title: 'GeoJSON (local stand-in: checks the type only)',
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: GEOJSON_TYPES },
    coordinates: { type: 'array' },
    geometries: { type: 'array' },
    features: { type: 'array' },
    bbox: { type: 'array', items: { type: 'number' } },
  },
};

let validator: ValidateFunction | null = null;

function compiled(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(GEOJSON_STAND_IN);
  validator = ajv.compile(schema);
  return validator;
}

export interface NinjsValidation {
  valid: boolean;
  /** Up to five problems, each naming where it is ("/headlines/0: must have required property 'value'"). */
  errors: string[];
}

export function validateNinjs(document: unknown): NinjsValidation {
  const validate = compiled();
  const valid = validate(document) as boolean;
  return { valid, errors: valid ? [] : describe(validate.errors ?? []) };
}

function describe(errors: ErrorObject[]): string[] {
  return errors.slice(0, 5).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
}
