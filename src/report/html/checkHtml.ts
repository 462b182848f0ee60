/**
 * The HTML report of `maildrill check --html`: on a violation, the counterexample drawn —
 * its fault schedule shaded on the failing run's timeline of mailboxes down, the deferred
 * mail, the ledger and the time to restore — under the same text the terminal prints (the
 * schedule as YAML and the replay command). When every schedule held, the page says so and
 * has no chart: there is no failing run to draw.
 *
 * Contract: a pure function of its arguments (the failing run replayed with its timeline);
 * the same input gives the same bytes.
 */
import type { RunResult } from "../../experiment/runScenario.js";
import type { RunTimeline } from "../../metrics/RunTimeline.js";
import { escapeHtml, htmlPage, type ReportMeta } from "./htmlPage.js";
import { runSections } from "./runHtml.js";

export interface CheckPicture {
  /** The check report as the terminal prints it, without colour. */
  text: string;
  /** The counterexample's run and timeline; absent when every schedule held. */
  failing?: { result: RunResult; timeline: RunTimeline; strategyIndex: number };
}

export async function renderCheckHtml(check: CheckPicture, meta: ReportMeta): Promise<string> {
  const text = { heading: "Outcome", html: `<pre>${escapeHtml(check.text)}</pre>` };
  if (check.failing === undefined) return htmlPage(meta, [text]);
  const { result, timeline, strategyIndex } = check.failing;
  const sections = await runSections(result, timeline, strategyIndex);
  sections[0] = {
    ...sections[0]!,
    heading: `The counterexample's faults and the failing run (${result.run.strategy ?? "as described"})`,
    intro: `${sections[0]!.intro ?? ""} The schedule found by check is appended to the scenario's faults and shaded in red.`,
  };
  return htmlPage(meta, [text, ...sections]);
}
