import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoConfigYaml } from '../../demo/files.js';
import { createFetchHandler } from '../adapters/fetch.js';
import { demoEndpoint, type DemoEndpoint } from '../adapters/test-utils/demo-endpoint.js';
import { parseConfig } from '../config/parse.js';
import { onlyApi } from '../config/apis.js';
import type { ApiEndpointConfig } from '../config/types.js';
import { compileLookup } from '../pipeline/lookup-items.js';
import { Refusal } from '../vocabulary/responses.js';
import { openApiDocument as document } from './document.js';

const KEY = 'bf7769e5321448de88838cdb';
const env = { CUSTLINK_KEY: KEY };
const demoConfig = onlyApi(parseConfig(parse(demoConfigYaml({ host: '127.0.0.1', port: 0 })), { env }));

// Every kind of item check, without normalize, so the schema can state each one.
const itemsConfig = onlyApi(parseConfig(
  {
    listen: { path: '/oc/customer' },
    auth: { keys: [KEY], scheme: 'uri+body+timestamp' },
    lookup: {
      callNum: { required: true, maxLength: 11, pattern: '0[0-9]{9,10}' },
      nation: { values: ['korea', 'japan'] },
      memberId: { pattern: 'M[0-9]+' },
      email: { maxLength: 8 },
    },
    source: { type: 'function' },
    result: { userName: 'name' },
  },
  { env },
));

/** The document as a consumer reads it: parsed JSON. */
function openApiDocument(config: ApiEndpointConfig) {
  return JSON.parse(JSON.stringify(document(config)));
}

describe('openApiDocument', () => {
  it.each([
    ['the demo config', demoConfig],
    ['a config with every item check', itemsConfig],
    ['an unsigned endpoint', { ...itemsConfig, auth: { ...itemsConfig.auth, enabled: false } }],
  ])('is a valid OpenAPI 3.1 document for %s', async (_, config) => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument(config));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is checked by a validator that refuses a broken one', async () => {
    const broken = openApiDocument(demoConfig);
    broken.components.securitySchemes.signature = { type: 'apiKey', name: 'Authorization' }; // no "in"
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  const lookupSchema = new Ajv2020({ allowUnionTypes: true }).compile(openApiDocument(itemsConfig).components.schemas.LookupItems);
  const readLookup = compileLookup(itemsConfig.lookup);
  it.each([
    ['every item valid', { callNum: '01012345678', nation: 'korea', memberId: 'M12', email: 'a@b.kr' }, true],
    ['only the required item', { callNum: '01012345678' }, true],
    ['unknown items besides', { callNum: '01012345678', ticketId: 7 }, true],
    ['optional items empty or null (absent)', { callNum: '01012345678', nation: '', memberId: null, email: '' }, true],
    ['the required item missing', { nation: 'korea' }, false],
    ['the required item empty', { callNum: '' }, false],
    ['the required item null', { callNum: null }, false],
    ['the required item a number', { callNum: 1012345678 }, false],
    ['a value longer than maxLength', { callNum: '010123456789' }, false],
    ['a value not one of values', { callNum: '01012345678', nation: 'china' }, false],
    ['a value matching only part of the pattern', { callNum: '01012345678', memberId: 'xM12' }, false],
    ['a value not matching the pattern', { callNum: '1012345678' }, false],
    ['an optional item too long', { callNum: '01012345678', email: 'abc@def.kr' }, false],
  ])('judges a body like the endpoint: %s', (_, body, valid) => {
    const endpointAccepts = !(readLookup(Buffer.from(JSON.stringify(body))) instanceof Refusal);
    expect(endpointAccepts).toBe(valid);
    expect(lookupSchema(body)).toBe(valid);
  });

  it('tells the checks that apply after normalize instead of stating them on the raw value', () => {
    const callNum = openApiDocument(demoConfig).components.schemas.LookupItems.properties.callNum;
    expect(callNum).toMatchObject({ type: 'string', maxLength: 20 });
    expect(callNum).not.toHaveProperty('pattern');
    expect(callNum.description).toContain('phone-kr');
    expect(callNum.description).toContain('^0[0-9]{8,10}$');
  });

  it('describes both signature headers as apiKey schemes, with the config’s scheme and window', () => {
    const doc = openApiDocument(itemsConfig);
    const { signature, timestamp } = doc.components.securitySchemes;
    expect(signature).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(signature.description).toContain('HMAC-SHA256');
    expect(signature.description).toContain('requestURI + rawBody + X-TC-Timestamp');
    expect(timestamp).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-TC-Timestamp' });
    expect(timestamp.description).toContain('5 minutes');
    expect(doc.paths['/oc/customer'].post.security).toEqual([{ signature: [], timestamp: [] }]);
    const unsigned = openApiDocument({ ...itemsConfig, auth: { ...itemsConfig.auth, enabled: false } });
    expect(unsigned.components).not.toHaveProperty('securitySchemes');
    expect(unsigned.paths['/oc/customer'].post).not.toHaveProperty('security');
  });

  it('gives each error status the message the agent sees (PROTOCOL.md)', () => {
    const { responses } = openApiDocument(demoConfig).paths['/'].post;
    expect(Object.keys(responses)).toEqual(['200', '400', '403', '404', '413', '415', '500']);
    expect(responses['400'].description).toContain('조회 결과가 없습니다.');
    expect(responses['403'].description).toContain('요청한 서버에 조회 권한이 없습니다.');
    expect(responses['404'].description).toContain('요청한 서버에 에러가 있습니다.');
    for (const status of ['413', '415', '500']) expect(responses[status].description).toContain('오류가 발생하였습니다.');
    expect(responses['403'].description).toContain('BAD_SIGNATURE');
  });
});

describe('openApiDocument against the answers of a running endpoint', () => {
  let demo: DemoEndpoint;
  beforeAll(async () => {
    demo = await demoEndpoint();
  });
  afterAll(() => demo.close());

  it.each([
    ['a customer found', 200, (d: DemoEndpoint) => d.signed()],
    ['a customer not found', 400, (d: DemoEndpoint) => d.signed(JSON.stringify({ callNum: '01000000000' }))],
    ['an unsigned request', 403, (d: DemoEndpoint) => ({ ...d.signed(), headers: { 'content-type': 'application/json' } })],
    ['a body too large', 413, (d: DemoEndpoint) => d.signed(JSON.stringify({ callNum: '1', pad: 'x'.repeat(20_000) }))],
  ])('describes the body of %s (%i)', async (_, status, request) => {
    const doc = openApiDocument(onlyApi(demo.endpoint.config));
    const ajv = new Ajv2020({ allowUnionTypes: true });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const { body, headers } = request(demo);
    const response = await createFetchHandler(demo.endpoint)(new Request('http://localhost/', { method: 'POST', body, headers }));
    expect(response.status).toBe(status);
    const described = doc.paths['/'].post.responses[status].content['application/json'].schema;
    const validate = ajv.compile({ $ref: described.$ref });
    const answer: unknown = await response.json();
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
  });
});
