// Reads the .NET DataContract XML the API sends back into plain values, guided by the spec's
// schemas and their `xml` objects, and reports where the document breaks DataContract rules
// (element names, namespaces, member order, i:nil for null).
import { XMLParser } from 'fast-xml-parser';
import { deref, type Json, type Node } from './spec.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

function toElements(nodes: any[]): Element[] {
  return nodes
    .filter((node) => !('#text' in node))
    .map((node) => {
      const name = Object.keys(node).find((key) => key !== ':@')!;
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries((node[':@'] ?? {}) as Record<string, string>)) {
        attributes[key.replace(/^@_/, '')] = value;
      }
      const content = node[name] as any[];
      const text = content.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
      return { name, attributes, children: toElements(content), text };
    });
}

export function parseXml(xml: string): Element {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, trimValues: true });
  const roots = toElements(parser.parse(xml, true) as any[]);
  if (roots.length !== 1) throw new Error(`Expected one root element, found ${roots.length}`);
  return roots[0]!;
}

/** The members of an object schema in DataContract order: inherited (allOf base) members first, each group sorted ordinally. */
export function dataContractMembers(schema: Node): { name: string; schema: Node }[] {
  const resolved = deref(schema, []).node;
  if (resolved.allOf) return (resolved.allOf as Node[]).flatMap((part) => dataContractMembers(part));
  return Object.keys((resolved.properties ?? {}) as Node)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, schema: resolved.properties[name] as Node }));
}

function typeOf(schema: Node): string[] {
  const resolved = deref(schema, []).node;
  if (resolved.allOf) return ['object'];
  const type = resolved.type;
  return Array.isArray(type) ? type : [type];
}

interface Scope {
  defaultNs: string | undefined;
  prefixes: Record<string, string>;
}

function enter(element: Element, scope: Scope): Scope {
  const next: Scope = { defaultNs: scope.defaultNs, prefixes: { ...scope.prefixes } };
  for (const [key, value] of Object.entries(element.attributes)) {
    if (key === 'xmlns') next.defaultNs = value;
    else if (key.startsWith('xmlns:')) next.prefixes[key.slice(6)] = value;
  }
  return next;
}

function split(name: string, scope: Scope): { local: string; ns: string | undefined } {
  const colon = name.indexOf(':');
  if (colon < 0) return { local: name, ns: scope.defaultNs };
  const prefix = name.slice(0, colon);
  return { local: name.slice(colon + 1), ns: scope.prefixes[prefix] };
}

function isNil(element: Element, scope: Scope): boolean {
  return Object.entries(element.attributes).some(([key, value]) => {
    const [prefix, local] = key.includes(':') ? key.split(':') : [undefined, key];
    return local === 'nil' && prefix !== undefined && scope.prefixes[prefix] === XSI && value === 'true';
  });
}

function scalar(text: string, schema: Node, where: string, problems: string[]): Json {
  const types = typeOf(schema);
  if (types.includes('integer')) {
    if (!/^-?\d+$/.test(text)) problems.push(`${where}: "${text}" is not an integer`);
    return Number(text);
  }
  if (types.includes('number')) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) problems.push(`${where}: "${text}" is not a decimal`);
    return Number(text);
  }
  if (types.includes('boolean')) {
    if (text !== 'true' && text !== 'false') problems.push(`${where}: "${text}" is not a boolean`);
    return text === 'true';
  }
  return text;
}

function read(element: Element, schema: Node, parentScope: Scope, typeNs: string | undefined, where: string, problems: string[]): Json {
  const scope = enter(element, parentScope);
  const resolved = deref(schema, []).node;
  if (isNil(element, scope)) {
    if (!typeOf(resolved).includes('null')) problems.push(`${where}: i:nil on a member that cannot be null`);
    return null;
  }
  const types = typeOf(resolved);
  if (types.includes('object')) {
    const ownNs = resolved.xml?.namespace ?? typeNs ?? split(element.name, scope).ns;
    const members = dataContractMembers(resolved);
    const seen = element.children.map((child) => split(child.name, scope).local);
    const expected = members.map((member) => member.name).filter((name) => seen.includes(name));
    if (seen.join() !== expected.join()) problems.push(`${where}: members out of DataContract order: ${seen.join(', ')}`);
    const value: Record<string, Json> = {};
    for (const member of members) {
      const child = element.children.find((c) => split(c.name, scope).local === member.name);
      if (!child) {
        problems.push(`${where}: member ${member.name} is missing`);
        continue;
      }
      const memberNs = deref(member.schema, []).node.xml?.namespace ?? member.schema.xml?.namespace ?? ownNs;
      const actualNs = split(child.name, enter(child, scope)).ns;
      if (actualNs !== memberNs) problems.push(`${where}/${member.name}: namespace ${actualNs} instead of ${memberNs}`);
      value[member.name] = read(child, member.schema, scope, undefined, `${where}/${member.name}`, problems);
    }
    const unknown = seen.filter((name) => !members.some((member) => member.name === name));
    if (unknown.length) problems.push(`${where}: unknown members ${unknown.join(', ')}`);
    return value;
  }
  if (types.includes('array')) {
    const items = resolved.items as Node;
    const itemName = deref(items, []).node.xml?.name ?? items.xml?.name;
    return element.children.map((child, index) => {
      const local = split(child.name, scope).local;
      if (itemName && local !== itemName) problems.push(`${where}[${index}]: element ${local} instead of ${itemName}`);
      return read(child, items, scope, undefined, `${where}[${index}]`, problems);
    });
  }
  if (element.children.length) problems.push(`${where}: a scalar member has child elements`);
  return scalar(element.text, resolved, where, problems);
}

/** Reads an XML document into a value according to `schema`; `problems` lists every rule it breaks. */
export function readDataContract(xml: string, schema: Node): { value: Json; problems: string[] } {
  const problems: string[] = [];
  const root = parseXml(xml);
  const resolved = deref(schema, []).node;
  const scope = enter(root, { defaultNs: undefined, prefixes: {} });
  const expectedName = resolved.xml?.name;
  const { local, ns } = split(root.name, scope);
  if (expectedName && local !== expectedName) problems.push(`root element ${local} instead of ${expectedName}`);
  if (resolved.xml?.namespace && ns !== resolved.xml.namespace) problems.push(`root namespace ${ns} instead of ${resolved.xml.namespace}`);
  // A bare primitive (`<int xmlns="...Serialization/">299</int>`) carries no xmlns:i; anything
  // that can hold a null must declare it on the root.
  const primitive = !['object', 'array'].some((type) => typeOf(resolved).includes(type));
  if (!primitive && scope.prefixes.i !== XSI) problems.push('the root does not declare xmlns:i for i:nil');
  return { value: read(root, resolved, { defaultNs: undefined, prefixes: {} }, undefined, local, problems), problems };
}
