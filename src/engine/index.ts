/** The engine's public surface: time, the queue, the run loop, random streams and distributions. */
export * from "./distributions.js";
export { EventQueue } from "./EventQueue.js";
export { RandomStream, RandomStreams, type Rng } from "./RandomStreams.js";
export { type EventHandler, Simulation } from "./Simulation.js";
export * from "./time.js";
