/*
 * Copyright 2026 The element-account-security authors
 * SPDX-License-Identifier: AGPL-3.0-only
 */

/*
 * The posture report as one self-contained HTML page: no external asset (no font, script or image
 * from anywhere), so it can be mailed, archived or opened offline. Charts are inline SVG with a data
 * table beside them (screen readers read the table); the accounts table sorts with a few lines of
 * inline script and stays a real table (column header buttons, aria-sort). Pure string building,
 * shared by the command line (`report --html`) and the module's Admin section (download link).
 */

import { percent, PROTECTIONS, share, type AccountRecord, type PostureSummary } from "./posture";
import { ENGLISH_LABELS, type ReportLabels } from "./reportLabels";

export { ENGLISH_LABELS, type ReportLabels } from "./reportLabels";

export interface HtmlReportInput {
    summary: PostureSummary;
    /** The accounts, for the table (left out with `aggregateOnly`). */
    records: Iterable<AccountRecord>;
    /** A previous report's summary, for the trend. */
    previous?: PostureSummary | null;
    /** Leave out every user ID: no table, failures only counted by reason. */
    aggregateOnly?: boolean;
    labels?: ReportLabels;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const date = (iso: string): string => iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");

function signedPoints(delta: number): string {
    const points = Math.round(delta * 1000) / 10;
    return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)} pts`;
}

/** Horizontal bars, one row per item; with `previous`, a thinner lighter bar under each. */
function barChart(
    id: string,
    title: string,
    rows: Array<{ label: string; value: number; text: string; previous?: number }>,
): string {
    const labelWidth = 330;
    const barWidth = 380;
    const rowHeight = 40;
    const width = labelWidth + barWidth + 130;
    const height = rows.length * rowHeight + 10;
    const body = rows
        .map((row, i) => {
            const y = 5 + i * rowHeight;
            const w = Math.max(0, Math.min(1, row.value)) * barWidth;
            const previous =
                row.previous === undefined
                    ? ""
                    : `<rect x="${labelWidth}" y="${y + 24}" width="${(Math.max(0, Math.min(1, row.previous)) * barWidth).toFixed(1)}" height="6" class="prev"/>`;
            return (
                `<text x="${labelWidth - 10}" y="${y + 16}" text-anchor="end">${escapeHtml(row.label)}</text>` +
                `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="18" class="track"/>` +
                `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="18" class="bar"/>` +
                previous +
                `<text x="${labelWidth + barWidth + 8}" y="${y + 18}">${escapeHtml(row.text)}</text>`
            );
        })
        .join("");
    return (
        `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title">` +
        `<title id="${id}-title">${escapeHtml(title)}</title>${body}</svg>`
    );
}

const STYLE = `
:root { color-scheme: light; --fg: #1b1d22; --muted: #545a66; --accent: #0467dd; --prev: #9fc3ef; --track: #e1e6ec; --bad: #a4051a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.state { padding: 8px 12px; border-radius: 8px; background: #e6f4ea; }
.state.incomplete { background: #fde8e8; color: var(--bad); font-weight: 600; }
.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--fg); }
.chart .bar { fill: var(--accent); } .chart .prev { fill: var(--prev); } .chart .track { fill: var(--track); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #d0d6de; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-align: inherit; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.no { color: var(--bad); }
`;

/** Sorts the accounts table by the clicked column; keeps aria-sort on the sorted header only. */
const SORT_SCRIPT = `
(function () {
  var table = document.getElementById("accounts");
  if (!table) return;
  var heads = table.querySelectorAll("thead th");
  heads.forEach(function (th, index) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = th.classList.contains("num");
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-value"), y = b.cells[index].getAttribute("data-value");
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
`;

/** The whole page. */
export function renderHtmlReport(input: HtmlReportInput): string {
    const labels = input.labels ?? ENGLISH_LABELS;
    const { summary, previous } = input;
    const e = escapeHtml;
    const parts: string[] = [];
    parts.push(
        `<!doctype html><html lang="${e(labels.lang)}"><head><meta charset="utf-8">` +
            `<meta name="viewport" content="width=device-width, initial-scale=1">` +
            `<title>${e(labels.title(summary.homeserver))}</title><style>${STYLE}</style></head><body><main>`,
    );
    parts.push(`<h1>${e(labels.title(summary.homeserver))}</h1>`);
    parts.push(
        `<p class="meta">${e(labels.generated(date(summary.generatedAt), summary.assessed, summary.staleDays))}</p>`,
    );
    parts.push(
        summary.complete
            ? `<p class="state">${e(labels.complete)}</p>`
            : `<p class="state incomplete">${e(labels.incomplete(summary.failed))}</p>`,
    );

    // Protections: chart + the same numbers as a table.
    parts.push(`<section aria-labelledby="protections"><h2 id="protections">${e(labels.protectionsHeading)}</h2>`);
    parts.push(
        barChart(
            "protections-chart",
            labels.protectionsChart,
            PROTECTIONS.map((p) => ({
                label: labels.protection[p],
                value: share(summary.counts[p], summary.assessed),
                text: `${percent(share(summary.counts[p], summary.assessed))} (${summary.counts[p]})`,
                previous: previous ? share(previous.counts[p], previous.assessed) : undefined,
            })),
        ),
    );
    if (previous) parts.push(`<p class="meta">${e(labels.previousLegend(date(previous.generatedAt)))}</p>`);
    parts.push(
        `<table><caption>${e(labels.protectionsChart)}</caption><thead><tr><th scope="col">${e(labels.protectionsHeading)}</th>` +
            `<th scope="col" class="num">${e(labels.accountsColumn)}</th><th scope="col" class="num">${e(labels.shareColumn)}</th>` +
            (previous
                ? `<th scope="col" class="num">${e(labels.previousColumn)}</th><th scope="col" class="num">${e(labels.changeColumn)}</th>`
                : "") +
            `</tr></thead><tbody>`,
    );
    for (const p of PROTECTIONS) {
        const now = share(summary.counts[p], summary.assessed);
        const before = previous ? share(previous.counts[p], previous.assessed) : 0;
        parts.push(
            `<tr><th scope="row">${e(labels.protection[p])}</th><td class="num">${summary.counts[p]} / ${summary.assessed}</td>` +
                `<td class="num">${percent(now)}</td>` +
                (previous
                    ? `<td class="num">${percent(before)}</td><td class="num">${signedPoints(now - before)}</td>`
                    : "") +
                `</tr>`,
        );
    }
    parts.push(`</tbody></table></section>`);

    // Devices.
    const d = summary.devices;
    parts.push(`<section aria-labelledby="devices"><h2 id="devices">${e(labels.devicesHeading)}</h2>`);
    parts.push(
        barChart("devices-chart", labels.devicesHeading, [
            { label: labels.devicesTotal, value: d.total > 0 ? 1 : 0, text: String(d.total) },
            {
                label: labels.devicesUnverified,
                value: share(d.unverified, d.total),
                text: `${d.unverified} (${percent(share(d.unverified, d.total))})`,
            },
            {
                label: labels.devicesStale,
                value: share(d.stale, d.total),
                text: `${d.stale} (${percent(share(d.stale, d.total))})`,
            },
        ]),
    );
    parts.push(
        `<table><caption>${e(labels.devicesHeading)}</caption><tbody>` +
            `<tr><th scope="row">${e(labels.devicesTotal)}</th><td class="num">${d.total}</td></tr>` +
            `<tr><th scope="row">${e(labels.devicesUnverified)}</th><td class="num">${d.unverified}</td></tr>` +
            `<tr><th scope="row">${e(labels.devicesStale)}</th><td class="num">${d.stale}</td></tr>` +
            `</tbody></table></section>`,
    );

    // Failures: named, or counted by reason when user IDs must stay out.
    if (summary.failures.length > 0) {
        parts.push(`<section aria-labelledby="failures"><h2 id="failures">${e(labels.failuresHeading)}</h2><ul>`);
        if (input.aggregateOnly) {
            const byReason = new Map<string, number>();
            for (const f of summary.failures) byReason.set(f.reason, (byReason.get(f.reason) ?? 0) + 1);
            for (const [reason, count] of byReason)
                parts.push(`<li>${e(labels.failuresAggregate(count, reason))}</li>`);
        } else {
            for (const f of summary.failures) parts.push(`<li><strong>${e(f.user_id)}</strong>: ${e(f.reason)}</li>`);
        }
        parts.push(`</ul></section>`);
    }

    // The accounts, sortable.
    parts.push(
        `<section aria-labelledby="accounts-heading"><h2 id="accounts-heading">${e(labels.accountsHeading)}</h2>`,
    );
    if (input.aggregateOnly) {
        parts.push(`<p>${e(labels.aggregateOnly)}</p>`);
    } else {
        const columns = Object.keys(labels.column) as Array<keyof ReportLabels["column"]>;
        const numeric = new Set(["devices", "unverified_devices", "stale_devices"]);
        parts.push(
            `<p class="meta">${e(labels.sortHint)}</p><table id="accounts"><caption>${e(labels.accountsHeading)}</caption><thead><tr>` +
                columns
                    .map(
                        (c, i) =>
                            `<th scope="col"${numeric.has(c) ? ' class="num"' : ""}${i === 0 ? ' aria-sort="ascending"' : ""}>` +
                            `<button type="button">${e(labels.column[c])}</button></th>`,
                    )
                    .join("") +
                `</tr></thead><tbody>`,
        );
        const rows = [...input.records]
            .filter((r) => r.status === "ok")
            .sort((a, b) => a.user_id.localeCompare(b.user_id));
        const yesNo = (value: boolean): string =>
            `<td data-value="${value ? 1 : 0}"${value ? "" : ' class="no"'}>${e(value ? labels.yes : labels.no)}</td>`;
        for (const r of rows) {
            if (r.status !== "ok") continue;
            parts.push(
                `<tr><td data-value="${e(r.user_id)}">${e(r.user_id)}</td>${yesNo(r.has_email)}${yesNo(r.has_cross_signing)}${yesNo(r.has_recovery)}` +
                    `<td class="num" data-value="${r.devices}">${r.devices}</td><td class="num" data-value="${r.unverified_devices}">${r.unverified_devices}</td>` +
                    `<td class="num" data-value="${r.stale_devices}">${r.stale_devices}</td></tr>`,
            );
        }
        parts.push(`</tbody></table><script>${SORT_SCRIPT}</script>`);
    }
    parts.push(`</section></main></body></html>\n`);
    return parts.join("");
}
