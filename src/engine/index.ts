/**
 * The engine's public surface: simulated time, the event queue, the run loop, named random
 * streams, distributions and the special functions they rest on. Layers above import from
 * here or from the individual files; the engine imports nothing above it.
 */
export * from "./distributions.js";
export { EventQueue, MAX_PRIORITY, MIN_PRIORITY } from "./EventQueue.js";
export { MonotoneEventQueue } from "./MonotoneEventQueue.js";
export { RandomStream, RandomStreams, type Rng } from "./RandomStreams.js";
export { type EventHandler, Simulation, type Tracer } from "./Simulation.js";
export { erfc, logGamma, normalCdf, normalQuantile, stirlingCorrection } from "./specialFunctions.js";
export * from "./time.js";
