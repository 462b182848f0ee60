/**
 * tape-library: an example maildrill backend plugin — a robotic tape library.
 *
 * A backend plugin adds a kind of storage to maildrill without changing maildrill. This file
 * is a complete one, in plain JavaScript with no imports, so you can copy it and start from
 * it (docs/plugins.md explains the contract). Run it with:
 *
 *   npx maildrill run scenarios/plugins/tape-library.yaml --plugin scenarios/plugins/tape-library.js
 *
 * The model. The library has `drives` tape drives (maildrill's *nodes*); each drive serves
 * `cartridgesPerDrive` cartridges (the *slots* where protection groups keep their shards).
 * A drive fails at random — exponential times to failure with mean `driveMttfHours`, per
 * drive, drawn from the stream `<name>/drive-failure` — and its cartridges are unreachable
 * until the robot has remounted them on a spare, `remount` later; then the drive's next time
 * to failure starts. A failure loses no data: cartridges outlive drives. Rebuilding a lost
 * shard streams at `readMBps`. The library also honours what maildrill imposes from outside
 * (`setNodeCondition`: an OS bug taking a drive down, read-only or slow) and the explicit
 * `faults:` of a scenario (crash, node-loss, enospc, fail-slow and data damage).
 *
 * The contract it keeps (the `BackendPlugin` and `StorageBackend` interfaces of maildrill):
 * - `describe` validates the scenario entry and reports the first problem through `fail`;
 *   it returns the shape the backend will have (nodes, slots, clusters, nodes per group).
 * - `create` returns a backend of exactly that shape, named as asked.
 * - Every slot starts Up; `setSlotAccess` is called only on a real change.
 * - All randomness comes from `context.streams`, under names starting with the backend's
 *   name, and times are whole milliseconds, so runs are reproducible.
 */

/** @typedef {import("maildrill").BackendPlugin} BackendPlugin */
/** @typedef {import("maildrill").StorageBackend} StorageBackend */
/** @typedef {import("maildrill").BackendContext} BackendContext */
/** @typedef {import("maildrill").FaultInjection} FaultInjection */
/** @typedef {import("maildrill").NodeCondition} NodeCondition */
/** @typedef {import("maildrill").SlotDamage} SlotDamage */
/** @typedef {import("maildrill").FailCallback} FailCallback */

/**
 * @typedef {object} TapeOptions
 * @property {number} drives
 * @property {number} cartridgesPerDrive
 * @property {number} driveMttfMs
 * @property {number} remountMs
 * @property {number} readBytesPerSec
 * @property {string} firmware
 */

const KIND = "tape-library";

/** maildrill's `Access` values (part of its public API), copied so this file needs no import. */
const Access = /** @type {const} */ ({ Up: 0, ReadOnly: 1, Down: 2 });

/** A drive slowed this much or more is as good as down: its requests time out. */
const TIMEOUT_SLOW_FACTOR = 20;

const KEYS = ["drives", "cartridgesPerDrive", "driveMttfHours", "remount", "readMBps", "firmware"];

const DURATION_UNITS_MS = /** @type {Record<string, number>} */ ({
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
});

/**
 * Validates a scenario entry (everything but `kind`) into the library's options.
 * @param {Record<string, unknown>} options
 * @param {FailCallback} fail
 * @returns {TapeOptions}
 */
function parseOptions(options, fail) {
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) fail("", `one of the keys ${KEYS.join(", ")}`, key);
  }
  const drives = wholeNumber(options, "drives", undefined, fail);
  const cartridgesPerDrive = wholeNumber(options, "cartridgesPerDrive", 4, fail);
  const driveMttfHours = positiveNumber(options, "driveMttfHours", 5_000, fail);
  const readMBps = positiveNumber(options, "readMBps", 300, fail);
  const remount = options.remount ?? "30m";
  const match = typeof remount === "string" ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(remount.trim()) : null;
  const remountMs = match ? Math.round(Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ""] ?? 0)) : 0;
  if (remountMs <= 0) fail("remount", 'a positive duration such as "45m" or "2h"', remount);
  const firmware = options.firmware ?? "lto-9";
  if (typeof firmware !== "string" || firmware === "") fail("firmware", "a firmware version name", firmware);
  return {
    drives,
    cartridgesPerDrive,
    driveMttfMs: driveMttfHours * 3_600_000,
    remountMs,
    readBytesPerSec: readMBps * 1e6,
    firmware: /** @type {string} */ (firmware),
  };
}

/**
 * @param {Record<string, unknown>} options
 * @param {string} key
 * @param {number | undefined} fallback
 * @param {FailCallback} fail
 */
function wholeNumber(options, key, fallback, fail) {
  const value = options[key] ?? fallback;
  if (
    !Number.isInteger(value) ||
    /** @type {number} */ (value) < 1 ||
    /** @type {number} */ (value) > 100_000
  )
    fail(key, "a whole number from 1 to 100000", value);
  return /** @type {number} */ (value);
}

/**
 * @param {Record<string, unknown>} options
 * @param {string} key
 * @param {number} fallback
 * @param {FailCallback} fail
 */
function positiveNumber(options, key, fallback, fail) {
  const value = options[key] ?? fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    fail(key, "a positive number", value);
  return /** @type {number} */ (value);
}

/**
 * The damage an explicit data fault does to each cartridge of a drive.
 * @param {FaultInjection} injection
 * @returns {SlotDamage}
 */
function damageOf({ fault, params }) {
  switch (fault) {
    case "latent-errors":
      return { kind: "latent-errors", fraction: params.fraction ?? 0.001 };
    case "corruption":
      return {
        kind: "corruption",
        fraction: params.fraction ?? 0.001,
        propagate: (params.propagate ?? 0) > 0,
      };
    case "lost-writes":
      return { kind: "lost-writes", windowMs: params.window ?? 0 };
    case "torn-writes":
    case "misdirected-writes":
      return { kind: "corruption", fraction: params.fraction ?? 0.001, propagate: false };
    default:
      throw new RangeError(`${KIND}: unknown fault ${fault}`);
  }
}

/** @implements {StorageBackend} */
class TapeLibrary {
  /**
   * @param {string} name
   * @param {TapeOptions} options
   */
  constructor(name, options) {
    this.name = name;
    this.kind = KIND;
    this.nodeCount = options.drives;
    this.slotCount = options.drives * options.cartridgesPerDrive;
    this.clusterCount = 1;
    this.repairBandwidthBytesPerSec = options.readBytesPerSec;
    this.options = options;
    // Per drive: how many causes hold it down or read-only, its active slowdowns, its access.
    this.downCauses = new Uint16Array(options.drives);
    this.readOnlyCauses = new Uint16Array(options.drives);
    /** @type {number[][]} */
    this.slowFactors = Array.from({ length: options.drives }, () => []);
    this.access = new Uint8Array(options.drives);
    /** @type {BackendContext | undefined} */
    this.context = undefined;
    /** @type {{ next(): number } | undefined} */
    this.failureRng = undefined;
  }

  /** @param {number} slot */
  slotNode(slot) {
    return Math.floor(slot / this.options.cartridgesPerDrive);
  }

  nodeCluster() {
    return 0;
  }

  nodeVersion() {
    return this.options.firmware;
  }

  /**
   * Copy j of group g goes to drive (g + j) mod drives, so a group's copies use distinct drives.
   * @param {number} group
   * @param {number} copy
   */
  placeShard(group, copy) {
    const drive = (group + copy) % this.nodeCount;
    const cartridges = this.options.cartridgesPerDrive;
    return drive * cartridges + (Math.floor(group / this.nodeCount) % cartridges);
  }

  /**
   * @param {number} node
   * @param {NodeCondition} condition
   * @param {boolean} active
   */
  setNodeCondition(node, condition, active) {
    if (condition.kind === "down") this.count(this.downCauses, node, active);
    else if (condition.kind === "read-only") this.count(this.readOnlyCauses, node, active);
    else this.slow(node, condition.factor, active);
  }

  /** @param {BackendContext} context */
  start(context) {
    this.context = context;
    this.failureRng = context.streams.get(`${this.name}/drive-failure`);
    for (let drive = 0; drive < this.nodeCount; drive++) this.scheduleFailure(drive);
  }

  /** @param {FaultInjection} injection */
  injectFault(injection) {
    const { targetKind, targetIndex } = injection;
    const drives =
      targetKind === "node"
        ? [targetIndex]
        : targetKind === "slot"
          ? [this.slotNode(targetIndex)]
          : Array.from({ length: this.nodeCount }, (_, drive) => drive);
    for (const drive of drives) this.injectOne(injection, drive);
  }

  /**
   * @param {FaultInjection} injection
   * @param {number} drive
   */
  injectOne(injection, drive) {
    const context = /** @type {BackendContext} */ (this.context);
    const { fault, durationMs, params } = injection;
    switch (fault) {
      case "crash":
      case "enospc": {
        const causes = fault === "crash" ? this.downCauses : this.readOnlyCauses;
        this.during(fault, drive, durationMs, (active) => this.count(causes, drive, active));
        return;
      }
      case "fail-slow": {
        const factor = params.factor ?? 10;
        this.during(fault, drive, durationMs, (active) => this.slow(drive, factor, active));
        return;
      }
      case "node-loss":
        // The drive and the cartridges in it are destroyed; a new drive arrives `duration` later, empty.
        this.during(
          fault,
          drive,
          durationMs,
          (active) => this.count(this.downCauses, drive, active),
          "node-replaced",
        );
        this.forEachSlot(drive, (slot) => context.slotLost(slot));
        return;
      default: {
        const damage = damageOf(injection);
        context.event(fault, { backend: this.name, node: drive });
        this.forEachSlot(drive, (slot) => context.slotDamaged(slot, damage));
      }
    }
  }

  /**
   * Applies a condition now and lifts it `durationMs` later, logging both ends.
   * @param {string} kind
   * @param {number} drive
   * @param {number} durationMs
   * @param {(active: boolean) => void} apply
   * @param {string} [endKind] the event logged at the end (default `<kind>-end`)
   */
  during(kind, drive, durationMs, apply, endKind = `${kind}-end`) {
    const context = /** @type {BackendContext} */ (this.context);
    context.event(kind, { backend: this.name, node: drive });
    apply(true);
    context.sim.callAt(context.sim.nowMs + durationMs, () => {
      context.event(endKind, { backend: this.name, node: drive });
      apply(false);
    });
  }

  /** @param {number} drive */
  scheduleFailure(drive) {
    const context = /** @type {BackendContext} */ (this.context);
    const rng = /** @type {{ next(): number }} */ (this.failureRng);
    // Exponential time to failure; 1 − u is in (0, 1], so the logarithm is finite.
    const delayMs = Math.round(-Math.log(1 - rng.next()) * this.options.driveMttfMs);
    const atMs = context.sim.nowMs + delayMs;
    if (atMs <= context.horizonMs) context.sim.callAt(atMs, () => this.driveFails(drive));
  }

  /** @param {number} drive */
  driveFails(drive) {
    const context = /** @type {BackendContext} */ (this.context);
    context.event("drive-failure", { backend: this.name, node: drive });
    this.count(this.downCauses, drive, true);
    context.sim.callAt(context.sim.nowMs + this.options.remountMs, () => {
      context.event("drive-remounted", { backend: this.name, node: drive });
      this.count(this.downCauses, drive, false);
      this.scheduleFailure(drive);
    });
  }

  /**
   * @param {Uint16Array} causes
   * @param {number} drive
   * @param {boolean} active
   */
  count(causes, drive, active) {
    if (!active && causes[drive] === 0) throw new RangeError(`${KIND}: drive ${drive} has no cause to lift`);
    causes[drive] = /** @type {number} */ (causes[drive]) + (active ? 1 : -1);
    this.refresh(drive);
  }

  /**
   * @param {number} drive
   * @param {number} factor
   * @param {boolean} active
   */
  slow(drive, factor, active) {
    const factors = /** @type {number[]} */ (this.slowFactors[drive]);
    if (active) factors.push(factor);
    else if (factors.includes(factor)) factors.splice(factors.indexOf(factor), 1);
    this.refresh(drive);
  }

  /**
   * Recomputes a drive's access and tells maildrill about its cartridges when it changed.
   * @param {number} drive
   */
  refresh(drive) {
    const context = /** @type {BackendContext} */ (this.context);
    const timedOut = Math.max(1, ...(this.slowFactors[drive] ?? [])) >= TIMEOUT_SLOW_FACTOR;
    const access =
      /** @type {number} */ (this.downCauses[drive]) > 0 || timedOut
        ? Access.Down
        : /** @type {number} */ (this.readOnlyCauses[drive]) > 0
          ? Access.ReadOnly
          : Access.Up;
    if (access === this.access[drive]) return;
    this.access[drive] = access;
    this.forEachSlot(drive, (slot) => context.setSlotAccess(slot, access));
  }

  /**
   * @param {number} drive
   * @param {(slot: number) => void} visit
   */
  forEachSlot(drive, visit) {
    const first = drive * this.options.cartridgesPerDrive;
    for (let slot = first; slot < first + this.options.cartridgesPerDrive; slot++) visit(slot);
  }
}

/** @type {BackendPlugin} */
const tapeLibrary = {
  kind: KIND,
  describe(options, fail) {
    const o = parseOptions(options, fail);
    const slots = o.drives * o.cartridgesPerDrive;
    return { nodes: o.drives, slots, clusters: 1, nodesPerGroup: o.drives };
  },
  create(name, options) {
    const fail = /** @type {FailCallback} */ (
      (path, expected) => {
        throw new Error(`${KIND}: ${path}: expected ${expected}`);
      }
    );
    return new TapeLibrary(name, parseOptions(options, fail));
  },
};

export default tapeLibrary;
