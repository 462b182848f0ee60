/**
 * teeObservers: one WorldObserver that passes every report to several, in order — how a run
 * feeds its figures (RunRecorder) and, only when a picture is asked for, its time series
 * (TimelineRecorder) without either knowing of the other.
 *
 * Contract: each call reaches every observer in the order given, with the same arguments;
 * an observer that throws stops the call there (a model bug, as for a single observer).
 */
import type { WorldObserver } from "../model/WorldObserver.js";

export function teeObservers(first: WorldObserver, ...rest: WorldObserver[]): WorldObserver {
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  const forward =
    <K extends keyof WorldObserver>(method: K) =>
    (...args: Parameters<WorldObserver[K]>): void => {
      for (const observer of all) (observer[method] as (...a: Parameters<WorldObserver[K]>) => void)(...args);
    };
  return {
    accessChanged: forward("accessChanged"),
    groupResized: forward("groupResized"),
    arrived: forward("arrived"),
    storedIntact: forward("storedIntact"),
    deliveredLate: forward("deliveredLate"),
    bounced: forward("bounced"),
    pendingAtHorizon: forward("pendingAtHorizon"),
    classified: forward("classified"),
    reclassified: forward("reclassified"),
    dataRestored: forward("dataRestored"),
    historyPending: forward("historyPending"),
    restoreQueueTotals: forward("restoreQueueTotals"),
    dataLost: forward("dataLost"),
    storageEvent: forward("storageEvent"),
  };
}
