import type { JsonObject, OpenApiDocument } from './spec.js';
import { resolveRef, schemaRefName } from './spec.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** DataContract's names of the integer primitives, as a bare value's element. */
const PRIMITIVE_INTEGERS = new Set(['int', 'long', 'short']);

interface XmlObject {
  name?: string;
  namespace?: string;
  prefix?: string;
  wrapped?: boolean;
}

interface Member {
  name: string;
  schema: JsonObject;
}

/** XML 1.0 cannot carry these at all, not even as character references. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** .NET compares member names ordinally (UTF-16 code units), not by locale. */
function ordinal(a: Member, b: Member): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A .NET DataContractSerializer look-alike driven by the schemas' `xml` objects: element and
 * type names, namespaces, and the `d4p1`-style prefixes. Members come in DataContract order —
 * the inherited (`allOf` base) members first, each group sorted ordinally — and `null` is written
 * as `<X i:nil="true" />`. Output is compact, like the API's; whitespace is not significant.
 */
export class DataContractXml {
  private readonly memberCache = new Map<JsonObject, Member[]>();

  constructor(private readonly doc: OpenApiDocument) {}

  private resolve(schema: JsonObject): JsonObject {
    return resolveRef(this.doc, schema);
  }

  private xmlOf(schema: JsonObject | undefined): XmlObject {
    return ((schema?.xml as XmlObject | undefined) ?? {}) as XmlObject;
  }

  /** Groups of members, base types first; each group sorted ordinally. */
  private members(schema: JsonObject): Member[] {
    const cached = this.memberCache.get(schema);
    if (cached) return cached;
    const groups: Member[][] = [];
    const visit = (raw: JsonObject) => {
      const resolved = this.resolve(raw);
      for (const part of (resolved.allOf as JsonObject[] | undefined) ?? []) visit(part);
      const properties = resolved.properties as Record<string, JsonObject> | undefined;
      if (properties) groups.push(Object.entries(properties).map(([name, s]) => ({ name, schema: s })).sort(ordinal));
    };
    visit(schema);
    const members = groups.flat();
    this.memberCache.set(schema, members);
    return members;
  }

  private isDecimal(schema: JsonObject): boolean {
    const types = new Set<string>();
    const collect = (raw: JsonObject) => {
      const resolved = this.resolve(raw);
      const type = resolved.type;
      for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') types.add(t);
      if (raw.$ref && raw !== resolved) collect(resolved);
    };
    collect(schema);
    return types.has('number') && !types.has('integer');
  }

  private scalar(value: unknown, schema: JsonObject): string {
    if (typeof value === 'number') {
      // The API's credits are .NET decimals with four fractional digits (`8.0000`).
      return this.isDecimal(schema) ? value.toFixed(4) : String(value);
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return escapeText(String(value));
  }

  private itemElementName(itemsSchema: JsonObject): string {
    const resolved = this.resolve(itemsSchema);
    return this.xmlOf(resolved).name ?? schemaRefName(itemsSchema) ?? (resolved.title as string | undefined) ?? 'item';
  }

  /**
   * Writes one element. `inScopeNs` is the default namespace around it; `ownNs`, when set,
   * the namespace the element itself is in.
   */
  private element(name: string, schema: JsonObject, value: unknown, inScopeNs: string | undefined, ownXml: XmlObject, extraAttributes = ''): string {
    const ns = ownXml.namespace ?? inScopeNs;
    let tag = name;
    let attributes = extraAttributes;
    if (ownXml.prefix && ownXml.namespace) tag = `${ownXml.prefix}:${name}`;
    else if (ns !== inScopeNs && ns !== undefined) attributes += ` xmlns="${escapeAttribute(ns)}"`;
    const childNs = ownXml.prefix ? inScopeNs : ns;

    if (value === null || value === undefined) return `<${tag}${attributes} i:nil="true" />`;
    const resolved = this.resolve(schema);
    if (Array.isArray(value)) {
      const itemsSchema = (resolved.items as JsonObject | undefined) ?? {};
      const itemName = this.itemElementName(itemsSchema);
      const itemXml = this.xmlOf(this.resolve(itemsSchema));
      const inner = value.map((entry) => this.element(itemName, itemsSchema, entry, childNs, { ...(itemXml.namespace ? { namespace: itemXml.namespace } : {}) })).join('');
      return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes} />`;
    }
    if (typeof value === 'object') {
      const members = this.members(schema);
      const declarations = new Map<string, string>();
      for (const member of members) {
        const xml = this.xmlOf(member.schema);
        if (xml.prefix && xml.namespace) declarations.set(xml.prefix, xml.namespace);
      }
      for (const [prefix, namespace] of declarations) attributes += ` xmlns:${prefix}="${escapeAttribute(namespace)}"`;
      const record = value as Record<string, unknown>;
      let inner = '';
      for (const member of members) {
        if (!(member.name in record)) continue;
        const xml = this.xmlOf(member.schema);
        inner += this.element(xml.name ?? member.name, member.schema, record[member.name], childNs, xml);
      }
      return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes} />`;
    }
    return `<${tag}${attributes}>${this.scalar(value, schema)}</${tag}>`;
  }

  /** The whole document for a response whose schema is `schema` (usually a `$ref`). */
  serialize(value: unknown, schema: JsonObject): string {
    const resolved = this.resolve(schema);
    const xml = this.xmlOf(resolved);
    const name = xml.name ?? schemaRefName(schema) ?? (resolved.title as string | undefined) ?? 'Root';
    // A bare value (the balance) is a DataContract primitive: no instance namespace, and written
    // as the primitive its element names (`<int>299</int>`), not as a four-digit decimal.
    if (value !== null && typeof value !== 'object') {
      const text = typeof value === 'number' && PRIMITIVE_INTEGERS.has(name) ? String(value) : this.scalar(value, schema);
      const namespace = xml.namespace ? ` xmlns="${escapeAttribute(xml.namespace)}"` : '';
      return `<${name}${namespace}>${text}</${name}>`;
    }
    return this.element(name, schema, value, undefined, xml, ` xmlns:i="${XSI}"`);
  }
}
