/**
 * A headless Chromium for the tests that open the HTML reports: the one @sparticuz/chromium
 * ships (unpacked on first use), else Debian's /usr/bin/chromium when the bundled one cannot
 * start. Every request other than the page's own file is refused and counted, so a report
 * that needs the network fails its test.
 */
import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser } from "puppeteer-core";

export async function launchBrowser(): Promise<Browser> {
  try {
    return await puppeteer.launch({
      executablePath: await chromium.executablePath(),
      args: chromium.args,
      headless: true,
    });
  } catch (error) {
    const system = "/usr/bin/chromium";
    if (!existsSync(system)) throw error;
    return puppeteer.launch({
      executablePath: system,
      args: ["--no-sandbox", "--headless=new"],
      headless: true,
    });
  }
}

export interface OpenedReport {
  /** Each chart's SVG: its rendered size and its text. */
  charts: { id: string; width: number; height: number; text: string }[];
  consoleErrors: string[];
  /** Requests for anything but the report file itself (a CDN, a font, an image). */
  outsideRequests: string[];
}

export async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  const url = `file://${file}`;
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === url) return void request.continue();
    outsideRequests.push(request.url());
    return void request.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  const charts = await page.$$eval("figure.chart", (figures) =>
    figures.map((f) => {
      const svg = f.querySelector("svg");
      const box = svg?.getBoundingClientRect();
      return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, text: svg?.textContent ?? "" };
    }),
  );
  await page.close();
  return { charts, consoleErrors, outsideRequests };
}
