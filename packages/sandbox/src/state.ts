import { parseLocalDateTime, SandboxClock } from './clock.js';
import { defaultSeedPath, parseSeed, readSeedText } from './fixtures.js';
import type { SpecModel } from './prepare.js';
import { Store, type SandboxData, type StoreIo } from './store.js';
import type { CompactionPolicy } from './store/journal.js';

/** The sandbox's changing world: the data (in the store) and the time (on the clock). */
export interface SandboxState {
  store: Store;
  clock: SandboxClock;
  /** What a reset goes back to: a fresh copy of the seed the sandbox started with. */
  seed: () => SandboxData;
  validateData: (data: unknown) => asserts data is SandboxData;
}

export interface StateOptions {
  seed?: string;
  stateFile?: string;
  clock?: string | (() => number);
  timeZone?: string;
  storeIo?: StoreIo;
  compaction?: Partial<CompactionPolicy>;
  onError?: (error: unknown) => void;
}

/** Checks the seed, opens the store (the only place one is made) and sets the clock. */
export function openState(model: SpecModel, options: StateOptions): SandboxState {
  const seedPath = options.seed ?? defaultSeedPath();
  // Kept as its text, not as parsed data: one string costs the garbage collector nothing per
  // booking, where a parsed copy would be a second whole data set to trace, and every young
  // collection of V8 takes longer as the old generation grows.
  const seedText = readSeedText(seedPath);
  const seed: unknown = parseSeed(seedText, seedPath);
  model.validateData(seed);
  const store = new Store(model.world.idProperties, options.stateFile, {
    ...(options.storeIo ? { io: options.storeIo } : {}),
    ...(options.compaction ? { compaction: options.compaction } : {}),
    ...(options.onError ? { report: options.onError } : {}),
  });
  store.open(seed, model.validateData);

  const clock = new SandboxClock(options.timeZone, typeof options.clock === 'function' ? options.clock : undefined);
  if (typeof options.clock === 'string') {
    const frozen = parseLocalDateTime(options.clock);
    if (frozen === undefined) throw new Error(`clock "${options.clock}" is not a date-time like 2018-01-25T14:32:12 (years 0001 to 9999)`);
    clock.freeze(frozen);
  }
  return { store, clock, seed: () => JSON.parse(seedText) as SandboxData, validateData: model.validateData };
}
