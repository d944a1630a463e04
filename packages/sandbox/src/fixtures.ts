import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLocalDateTime } from './clock.js';
import { INT32_MAX } from './json.js';
import type { SandboxData } from './store.js';
import type { OpenApiDocument } from './spec.js';
import type { WorldModel } from './world.js';
import type { SpecValidator } from './validation.js';
import { toModelState } from './validation.js';

export function defaultSeedPath(): string {
  return fileURLToPath(new URL('../fixtures/seed.json', import.meta.url));
}

/** The seed file's text; `parseSeed` reads the data from it. */
export function readSeedText(path = defaultSeedPath()): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the seed file ${path}: ${(error as Error).message}`);
  }
}

export function parseSeed(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read the seed file ${path}: ${(error as Error).message}`);
  }
}

/** Every ID the sandbox keeps is an Int32 from 1, as the API's are. */
const ID = { type: 'integer', minimum: 1, maximum: INT32_MAX };

/** The seed format's own shape; the user fields the rules read come from x-adultwork-users. */
function dataSchema(world: WorldModel) {
  // The group fields are worked out from the groups, never stated per user.
  const stated = world.users.fields.filter((field) => field !== 'GroupID' && field !== 'IsGroupManager');
  return {
    type: 'object',
    required: ['users', 'tokens', 'groups', 'bookings'],
    properties: {
      users: {
        type: 'array',
        items: {
          type: 'object',
          required: stated,
          properties: {
            UserID: ID,
            Nickname: { type: 'string', minLength: 1 },
            CreditBalance: { type: 'number', minimum: 0 },
            // An object record may leave members out (they take defaults); a list record is whole, so each entry is checked.
            Records: {
              type: 'object',
              properties: Object.fromEntries(world.users.records.map((name) => [name, world.users.lists.includes(name) ? { $ref: `#/components/schemas/${name}` } : { type: 'object' }])),
              additionalProperties: false,
            },
            CreditHistory: { type: 'array', items: { type: 'object' } },
          },
        },
      },
      tokens: {
        type: 'array',
        items: {
          type: 'object',
          required: ['Token', 'UserID', 'Scopes'],
          properties: {
            Token: { type: 'string', pattern: '^[A-Za-z0-9\\-._~+/]+=*$' },
            UserID: ID,
            Scopes: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      groups: {
        type: 'array',
        items: {
          type: 'object',
          required: ['GroupID', 'Name', 'ManagerUserID', 'MemberUserIDs'],
          properties: {
            GroupID: ID,
            Name: { type: 'string' },
            ManagerUserID: ID,
            MemberUserIDs: { type: 'array', items: ID },
          },
        },
      },
      bookings: {
        type: 'object',
        properties: Object.fromEntries(
          [...world.services.keys()].map((service) => [
            service,
            {
              type: 'array',
              items: {
                type: 'object',
                required: ['ClientUserID', 'PerformerUserID', 'Item'],
                additionalProperties: false,
                properties: {
                  ClientUserID: ID,
                  PerformerUserID: ID,
                  GroupKey: ID,
                  DeletedBy: { type: 'array', items: { enum: ['client', 'performer'] }, maxItems: 1 },
                  Item: { type: 'object' },
                },
              },
            },
          ]),
        ),
        additionalProperties: false,
      },
    },
  };
}

/** Text shaped like a date-time (the spec's patterns admit 2018-02-31T25:61 in places). */
const DATE_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Paths of date-time-shaped strings in `value` that are not real date-times from 0001 to 9999.
 * A large seed repeats the same few dates in every booking, so each distinct string is judged
 * once (`judged`), and a path is only written out for a string that fails.
 */
function impossibleDates(value: unknown, judged: Map<string, boolean>, path: Array<string | number> = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    // Cheap to say no: most strings are not shaped like a date-time at all.
    if (value.charCodeAt(4) !== 0x2d || !DATE_TIME_SHAPE.test(value)) return found;
    let real = judged.get(value);
    if (real === undefined) judged.set(value, (real = parseLocalDateTime(value) !== undefined));
    if (!real) found.push(`${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').slice(1)} (${value})`);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visit(value[i], i, judged, path, found);
  } else if (value && typeof value === 'object') {
    for (const key in value) visit((value as Record<string, unknown>)[key], key, judged, path, found);
  }
  return found;
}

function visit(inner: unknown, key: string | number, judged: Map<string, boolean>, path: Array<string | number>, found: string[]): void {
  if (inner === null || (typeof inner !== 'string' && typeof inner !== 'object')) return;
  path.push(key);
  impossibleDates(inner, judged, path, found);
  path.pop();
}

export class FixtureError extends Error {
  constructor(
    message: string,
    readonly problems: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * Checks a seed (or a state file, or a reseed body): its own shape, every booking against its
 * service's client view, every record and credit movement against its schema, and that every
 * user, token, group and booking refers to users that exist.
 */
export function makeDataValidator(validator: SpecValidator, doc: OpenApiDocument, world: WorldModel): (data: unknown) => asserts data is SandboxData {
  const shape = validator.compile(dataSchema(world));
  const bookingValidators = new Map([...world.services.values()].map((service) => [service.name, validator.component(service.views.client.schema)]));
  const creditSchema = Object.values(doc.paths)
    .flatMap((item) => Object.values(item))
    .map((operation) => (operation as Record<string, unknown>)['x-adultwork-resource'] as { kind?: string; schema?: string } | undefined)
    .find((resource) => resource?.kind === 'creditHistory')?.schema;
  const creditValidator = creditSchema ? validator.component(creditSchema) : undefined;
  return (data: unknown): asserts data is SandboxData => {
    if (!shape(data)) throw new FixtureError('The sandbox data is not in the seed format.', toModelState(shape.errors, 'data'));
    const typed = data as SandboxData;
    const problems: Record<string, string[]> = {};
    const add = (key: string, message: string) => (problems[key] ??= []).push(message);
    const users = new Set(typed.users.map((u) => u.UserID));
    if (users.size !== typed.users.length) add('users', 'UserIDs must be unique.');
    const tokens = new Set(typed.tokens.map((t) => t.Token));
    if (tokens.size !== typed.tokens.length) add('tokens', 'Tokens must be unique.');
    typed.tokens.forEach((t, i) => users.has(t.UserID) || add(`tokens[${i}]`, `Unknown UserID ${t.UserID}.`));
    const memberOf = new Map<number, number>();
    typed.groups.forEach((g, i) => {
      if (!users.has(g.ManagerUserID)) add(`groups[${i}]`, `Unknown ManagerUserID ${g.ManagerUserID}.`);
      for (const m of g.MemberUserIDs) {
        if (!users.has(m)) add(`groups[${i}]`, `Unknown member ${m}.`);
        if (memberOf.has(m) && memberOf.get(m) !== g.GroupID) add(`groups[${i}]`, `User ${m} is a member of two groups.`);
        memberOf.set(m, g.GroupID);
      }
    });
    typed.users.forEach((user, i) => {
      (user.CreditHistory ?? []).forEach((entry, j) => {
        if (creditValidator && !creditValidator(entry)) add(`users[${i}].CreditHistory[${j}]`, JSON.stringify(toModelState(creditValidator.errors, 'entry')));
      });
    });
    const judged = new Map<string, boolean>();
    for (const [service, validate] of bookingValidators) {
      const idProperty = world.idProperties[service]!;
      const seen = new Set<unknown>();
      (typed.bookings[service] ?? []).forEach((record, i) => {
        const key = `bookings.${service}[${i}]`;
        if (!users.has(record.ClientUserID)) add(key, `Unknown ClientUserID ${record.ClientUserID}.`);
        if (!users.has(record.PerformerUserID)) add(key, `Unknown PerformerUserID ${record.PerformerUserID}.`);
        if (!validate(record.Item)) {
          for (const [field, messages] of Object.entries(toModelState(validate.errors, 'Item'))) add(`${key}.${field}`, messages.join(' '));
        } else {
          for (const where of impossibleDates(record.Item, judged, ['Item'])) add(key, `${where} is not a date-time that exists (years 0001 to 9999).`);
        }
        const id = record.Item[idProperty];
        if (seen.has(id)) add(key, `Duplicate ${idProperty} ${String(id)}.`);
        seen.add(id);
      });
    }
    if (Object.keys(problems).length > 0) throw new FixtureError('The sandbox data does not match the spec.', problems);
  };
}
