import { describe, expect, it } from 'vitest';
import { mediaExamples, operations, specAjv, validatorAt } from './spec.js';
import { readDataContract } from './dataContractXml.js';

const examples = mediaExamples();
const ajv = specAjv();
const json = examples.filter((e) => e.mediaType === 'application/json');
const xml = examples.filter((e) => e.mediaType === 'application/xml');

describe('examples in the spec', () => {
  it('cover every operation with at least one JSON and one XML success example', () => {
    const successes = examples.filter((e) => e.where.includes(' 200 '));
    const byOperation = new Map<string, Set<string>>();
    for (const e of successes) {
      const key = e.where.split(' 200 ')[0]!;
      byOperation.set(key, (byOperation.get(key) ?? new Set()).add(e.mediaType));
    }
    // The OAuth endpoints answer HTML (the authorize page) or JSON only (the token endpoint).
    const api = operations().filter((o) => o.operation['x-adultwork-oauth'] === undefined);
    for (const [key] of byOperation) if (key.includes('/OAuth/')) byOperation.delete(key);
    expect(byOperation.size).toBe(api.length);
    for (const [operation, types] of byOperation) {
      expect([operation, [...types].sort()]).toEqual([operation, ['application/json', 'application/xml']]);
    }
  });

  it.each(json.map((e) => [e.where, e] as const))('%s matches its schema', (_where, example) => {
    const validate = validatorAt(ajv, example.schemaAt);
    const valid = validate(example.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(xml.map((e) => [e.where, e] as const))('%s is DataContract XML of the same data as its JSON twin', (_where, example) => {
    expect(typeof example.value).toBe('string');
    const { value, problems } = readDataContract(example.value as string, example.schema);
    expect(problems).toEqual([]);
    const twin = examples.find(
      (e) => e.mediaType === 'application/json' && e.name === example.name && e.parentAt.join('/') === example.parentAt.join('/'),
    );
    expect(twin, `a JSON example named "${example.name}" beside it`).toBeDefined();
    expect(value).toEqual(twin!.value);
  });
});

describe('the assumptions the spec declares', () => {
  it('are listed as plain sentences', async () => {
    const { spec } = await import('./spec.js');
    const assumptions = spec.info['x-adultwork-assumptions'];
    expect(Array.isArray(assumptions)).toBe(true);
    for (const assumption of assumptions) expect(typeof assumption).toBe('string');
  });
});

describe('the DataContract reader', () => {
  const cancelled = xml.find((e) => e.where.includes('/v1/PhoneChat/CancelMadeBooking'))!;

  it('catches members out of order', () => {
    const swapped = (cancelled.value as string).replace(
      /(<AcceptBy>.*?<\/AcceptBy>)(\s*)(<AcceptedDate[^>]*\/>)/,
      '$3$2$1',
    );
    expect(readDataContract(swapped, cancelled.schema).problems.join()).toMatch(/out of DataContract order/);
  });

  it('catches a wrong namespace and an unclosed element', () => {
    const wrongNs = (cancelled.value as string).replace('<d4p1:Nickname>', '<Nickname>').replace('</d4p1:Nickname>', '</Nickname>');
    expect(readDataContract(wrongNs, cancelled.schema).problems.join()).toMatch(/Nickname: namespace/);
    const unclosed = (cancelled.value as string).replace('</Comments>', '<Comments>');
    expect(() => readDataContract(unclosed, cancelled.schema)).toThrow();
  });

  it('catches i:isnil instead of i:nil', () => {
    const webcam = xml.find((e) => e.where.includes('/v1/Webcam/CancelMadeBooking'))!;
    const broken = (webcam.value as string).replace('<PhoneNumber i:nil="true" />', '<PhoneNumber i:isnil="true" />');
    const { value } = readDataContract(broken, webcam.schema);
    expect((value as any).Performer.PhoneNumber).toBe('');
  });
});
