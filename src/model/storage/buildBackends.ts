/**
 * Builds the storage backends of a world spec, in the order the scenario lists them (that
 * order numbers the slots, so it is part of the run's identity).
 */
import type { BuiltinBackendSpec } from "../../scenario/schema.js";
import type { BackendEntry } from "../WorldSpec.js";
import { buildPluginBackend } from "./backendPlugins.js";
import { FilerBackend } from "./FilerBackend.js";
import type { CrashSpec, DamageSpec, LossSpec } from "./NodeFaults.js";
import { ScaleOutBackend } from "./ScaleOutBackend.js";
import type { StorageBackend } from "./StorageBackend.js";

type BackendSpec = BuiltinBackendSpec;

export function buildBackends(entries: readonly BackendEntry[]): StorageBackend[] {
  return entries.map(({ name, spec }) =>
    "plugin" in spec ? buildPluginBackend(name, spec) : buildBackend(name, spec),
  );
}

function buildBackend(name: string, spec: BackendSpec): StorageBackend {
  const common = {
    name,
    repairBandwidthBytesPerSec: spec.repairBandwidth,
    timeoutSlowFactor: spec.timeoutSlowFactor,
    ...faultSpecs(spec),
  };
  if (spec.kind === "filer") {
    return new FilerBackend({
      ...common,
      version: spec.version,
      nodes: spec.nodes,
      volumesPerNode: spec.volumesPerNode,
      takeoverMs: spec.takeover === "none" ? Number.POSITIVE_INFINITY : spec.takeover,
      ...(spec.raid ? { raid: spec.raid } : {}),
    });
  }
  return new ScaleOutBackend({
    ...common,
    clusters: spec.clusters,
    nodesPerCluster: spec.nodesPerCluster,
    shardsPerNode: spec.shardsPerNode,
    versions: spec.versions,
  });
}

function faultSpecs(spec: BackendSpec): {
  nodeCrash?: CrashSpec;
  nodeLoss?: LossSpec;
  damages: DamageSpec[];
} {
  const damages: DamageSpec[] = [];
  if (spec.latentErrors) {
    damages.push({
      ttf: spec.latentErrors.ttf,
      damage: { kind: "latent-errors", fraction: spec.latentErrors.fraction },
    });
  }
  if (spec.corruption) {
    const { ttf, fraction, propagate } = spec.corruption;
    damages.push({ ttf, damage: { kind: "corruption", fraction, propagate } });
  }
  const crash = spec.nodeCrash;
  const burst = crash?.burst;
  return {
    damages,
    ...(crash
      ? {
          nodeCrash: {
            ttf: crash.ttf,
            downtime: crash.downtime,
            crews: crash.crews ?? Number.POSITIVE_INFINITY,
            ...(burst
              ? { burst: { probability: burst.probability, extra: burst.extra, windowMs: burst.window } }
              : {}),
          },
        }
      : {}),
    ...(spec.nodeLoss ? { nodeLoss: { ttf: spec.nodeLoss.ttf, replace: spec.nodeLoss.replace } } : {}),
  };
}
