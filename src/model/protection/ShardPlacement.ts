/**
 * ShardPlacement: which slot holds copy j of a protection group, under the scenario's
 * `protection.placement` (docs/model.md#placement-of-copies).
 *
 * - `chain` (the default) asks the backend (`placeShard`): the group's copies on consecutive
 *   nodes, (g + j) mod N. Every existing output is made this way.
 * - `random` draws, per group and backend, R distinct nodes uniformly from the nodes the
 *   chain would have used (the cluster of its first copy), R being the group's copies on
 *   that backend: the scheme of HDFS, RAMCloud and most scale-out stores.
 * - `copysets` draws them from a few fixed node sets (`Copysets.ts`, Cidon et al. 2013),
 *   with scatter width `scatterWidth` (default R − 1: disjoint copysets).
 *
 * Why it matters: with many groups on random R-subsets almost every set of f ≥ R nodes holds
 * some group whole, so a correlated loss of f nodes (a power outage, a bad rack) loses data
 * almost surely; with few copysets it almost never does, at the price of losing more when it
 * does. The chain is a fixed copyset scheme of N overlapping sets.
 *
 * A node's slots are used in turn (the k-th group placed on a node takes its slot k mod
 * slots-per-node). Draws come from the stream `placement/<backend>` (and
 * `placement/<backend>/copysets` for the sets), so no other draw of the run moves.
 *
 * Contract: call `placeShard` in group order, every shard of a group before the next group
 * (as ProtectionGroups does); a group's copies on one backend land on distinct nodes. It does
 * not move copies after t = 0 (a rebuilt shard comes back to its slot).
 */
import type { RandomStream, RandomStreams } from "../../engine/RandomStreams.js";
import { InputError } from "../../scenario/InputError.js";
import type { StorageBackend } from "../storage/StorageBackend.js";
import { Copysets, shuffled } from "./Copysets.js";

export type PlacementSpec =
  | { readonly kind: "chain" }
  | { readonly kind: "random" }
  | { readonly kind: "copysets"; readonly scatterWidth?: number };

interface BackendPlacement {
  readonly stream: RandomStream;
  /** Slots of each node, ascending; built on first use. */
  slotsOfNode?: number[][];
  /** Groups placed so far on each node, to take its slots in turn. */
  readonly placedOnNode: Map<number, number>;
  /** Copysets per cluster, built on first use. */
  readonly copysets: Map<number, Copysets>;
  readonly domains: Map<number, number[]>;
}

export class ShardPlacement {
  /** How many copies of a group each backend holds, and which one each shard is. */
  private readonly copiesOn: number[];
  private readonly copyOnBackend: number[];
  private readonly perBackend: BackendPlacement[];
  private currentGroup = -1;
  /** Nodes of the current group's copies, per backend. */
  private readonly groupNodes = new Map<number, number[]>();

  constructor(
    private readonly spec: PlacementSpec,
    private readonly backends: readonly StorageBackend[],
    private readonly slotOffset: readonly number[],
    private readonly shardBackend: readonly number[],
    private readonly streams: RandomStreams,
  ) {
    this.copyOnBackend = shardBackend.map((b, s) => shardBackend.slice(0, s).filter((x) => x === b).length);
    this.copiesOn = backends.map((_, b) => shardBackend.filter((x) => x === b).length);
    this.perBackend = backends.map((backend) => ({
      stream: streams.get(`placement/${backend.name}`),
      placedOnNode: new Map(),
      copysets: new Map(),
      domains: new Map(),
    }));
  }

  /** The run-wide slot of shard `shard` of group `group`. */
  placeShard(group: number, shard: number): number {
    const b = this.shardBackend[shard]!;
    const backend = this.backends[b]!;
    const copy = this.copyOnBackend[shard]!;
    if (this.spec.kind === "chain") return this.slotOffset[b]! + backend.placeShard(group, copy);
    if (group !== this.currentGroup) {
      this.currentGroup = group;
      this.groupNodes.clear();
    }
    let nodes = this.groupNodes.get(b);
    if (nodes === undefined) {
      nodes = this.drawNodes(group, b);
      this.groupNodes.set(b, nodes);
    }
    return this.slotOffset[b]! + this.slotOn(b, nodes[copy]!);
  }

  private drawNodes(group: number, b: number): number[] {
    const backend = this.backends[b]!;
    const state = this.perBackend[b]!;
    const replicas = this.copiesOn[b]!;
    const cluster = backend.nodeCluster(backend.slotNode(backend.placeShard(group, 0)));
    const domain = this.domain(b, cluster);
    if (replicas > domain.length) {
      throw new InputError(
        `protection.placement: expected at most ${domain.length} copies on backend ${backend.name} ` +
          `(its nodes per cluster) for ${this.spec.kind} placement; found ${replicas}`,
      );
    }
    if (this.spec.kind === "random") return shuffled(domain, state.stream).slice(0, replicas);
    let sets = state.copysets.get(cluster);
    if (sets === undefined) {
      // Drawn once per cluster from their own stream, so the group draws never shift them.
      const scatterWidth =
        (this.spec.kind === "copysets" ? this.spec.scatterWidth : undefined) ?? replicas - 1;
      sets = new Copysets(
        domain,
        replicas,
        scatterWidth,
        this.streams.get(`placement/${backend.name}/copysets`),
      );
      state.copysets.set(cluster, sets);
    }
    return sets.drawGroup();
  }

  /** The nodes of one cluster of backend b, ascending. */
  private domain(b: number, cluster: number): number[] {
    const state = this.perBackend[b]!;
    let nodes = state.domains.get(cluster);
    if (nodes === undefined) {
      const backend = this.backends[b]!;
      nodes = [];
      for (let node = 0; node < backend.nodeCount; node++)
        if (backend.nodeCluster(node) === cluster) nodes.push(node);
      state.domains.set(cluster, nodes);
    }
    return nodes;
  }

  /** The backend-local slot the next group on `node` takes: the node's slots in turn. */
  private slotOn(b: number, node: number): number {
    const state = this.perBackend[b]!;
    if (state.slotsOfNode === undefined) {
      const backend = this.backends[b]!;
      const slots: number[][] = Array.from({ length: backend.nodeCount }, () => []);
      for (let slot = 0; slot < backend.slotCount; slot++) slots[backend.slotNode(slot)]!.push(slot);
      state.slotsOfNode = slots;
    }
    const own = state.slotsOfNode[node]!;
    const placed = state.placedOnNode.get(node) ?? 0;
    state.placedOnNode.set(node, placed + 1);
    return own[placed % own.length]!;
  }
}
