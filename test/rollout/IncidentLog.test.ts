/**
 * IncidentLog: both times of every incident are kept in order; notices count only once their
 * time has come; `judged` forgets the unjudged notice but not the incidents themselves.
 */
import { describe, expect, it } from "vitest";
import { IncidentLog } from "../../src/rollout/IncidentLog.js";

describe("IncidentLog", () => {
  it("counts an incident as noticed only from its notice time", () => {
    const log = new IncidentLog();
    log.record(100, 400);
    log.record(200, 200); // seen at once
    expect(log.happenedTimesMs).toEqual([100, 200]);
    expect(log.noticedBy(199)).toBe(0);
    expect(log.noticedBy(200)).toBe(1);
    expect(log.noticedBy(400)).toBe(2);
    expect(log.anyNoticedBy(199)).toBe(false);
    expect(log.anyNoticedBy(200)).toBe(true);
  });

  it("judged: the unjudged notice is forgotten until the next incident; the rest stays", () => {
    const log = new IncidentLog();
    log.record(0, 50);
    expect(log.unjudgedNoticedBy(50)).toBe(true);
    log.judged();
    expect(log.unjudgedNoticedBy(1e9)).toBe(false);
    expect(log.anyNoticedBy(50)).toBe(true);
    expect(log.noticedBy(50)).toBe(1);
    log.record(60, 90);
    expect(log.unjudgedNoticedBy(89)).toBe(false);
    expect(log.unjudgedNoticedBy(90)).toBe(true);
  });
});
