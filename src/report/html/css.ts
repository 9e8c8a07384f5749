// The page's only style sheet, inline: system fonts (nothing is fetched), light and dark
// schemes from prefers-color-scheme, and a print layout that is always light, without the
// navigation, with table headers repeated on every page.
export const CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f6f3; --card: #ffffff; --fg: #1c1d1f; --muted: #5b5f66; --line: #dcdcd6; --head: #eeeeea;
  --ok: #1c6b32; --ok-bg: #e3f1e6; --warn: #8a4b00; --warn-bg: #fbeed8; --bad: #a3241b; --bad-bg: #f9e1de;
  --info: #1d559a; --info-bg: #e2ebf7; --link: #1d559a;
  --s-created: #2e7d4f; --s-updated: #3b6fb3; --s-deactivated: #7d7f84; --s-parked: #c07400; --s-failed: #c0392b; --s-duration: #6b5ca8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --card: #1e2125; --fg: #e7e9ec; --muted: #a3a8b0; --line: #353a41; --head: #262a30;
    --ok: #7fd59a; --ok-bg: #183222; --warn: #f2b866; --warn-bg: #3a2a12; --bad: #ff9a8f; --bad-bg: #3d1b18;
    --info: #9cc3f5; --info-bg: #1b2a3f; --link: #9cc3f5;
    --s-created: #5fbf85; --s-updated: #78a6e6; --s-deactivated: #a2a5ab; --s-parked: #eda33b; --s-failed: #f07467; --s-duration: #a89af0;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
h4 { font-size: 14.5px; margin: 16px 0 6px; font-weight: 600; }
p { margin: 6px 0; }
a { color: var(--link); }
td .mono { white-space: nowrap; font-size: 12.5px; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
code { background: var(--head); padding: 1px 5px; border-radius: 4px; }
td code { font-size: 12.5px; }
.meta, .muted, caption { color: var(--muted); }
.meta { font-size: 13.5px; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 10px 0; margin: 14px 0 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 14px; margin-top: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card h3 { margin: 0 0 8px; display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 3px 14px; margin: 8px 0 0; font-size: 14px; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.big { font-size: 22px; font-weight: 650; }
.figures { display: flex; gap: 22px; flex-wrap: wrap; margin: 4px 0 2px; }
.figures div span { display: block; font-size: 12.5px; color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 13px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); font-size: 13.5px; margin: 6px 0 10px; }
caption { text-align: left; font-size: 13px; padding: 4px 0; caption-side: top; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; position: sticky; top: 0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--head); }
.zero { color: var(--muted); }
.nowrap { white-space: nowrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.lookups { display: grid; grid-template-columns: repeat(auto-fit, minmax(500px, 1fr)); gap: 0 22px; }
caption .mono { overflow-wrap: anywhere; }
table.health th[scope="row"] { width: 26%; }
.unmapped td:first-child { font-weight: 600; }
figure { margin: 8px 0 12px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
figcaption { font-size: 13.5px; color: var(--muted); margin-top: 6px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { fill: var(--muted); font-size: 11px; font-family: inherit; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart text.f-failed-mark { fill: var(--s-failed); font-size: 13px; font-weight: 700; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 4px 0 8px; font-size: 13px; }
.legend svg { width: 14px; height: 14px; vertical-align: -2px; margin-right: 5px; border: 1px solid var(--line); }
.f-created { fill: var(--s-created); } .f-updated { fill: var(--s-updated); } .f-deactivated { fill: url(#p-deactivated); }
.f-parked { fill: url(#p-parked); } .f-failed { fill: url(#p-failed); } .f-duration { fill: var(--s-duration); }
.p-bg-deactivated { fill: var(--s-deactivated); } .p-bg-parked { fill: var(--s-parked); } .p-bg-failed { fill: var(--s-failed); }
.p-ink { stroke: var(--card); stroke-width: 1.6; }
.arrow { color: var(--muted); padding: 0 3px; }
.empty { padding: 10px 14px; background: var(--card); border: 1px dashed var(--line); border-radius: 8px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 13px; color: var(--muted); }
@media print {
  :root { color-scheme: light; --bg: #fff; --card: #fff; --fg: #000; --muted: #444; --line: #bbb; --head: #eee;
    --ok: #14532d; --warn: #6b3a00; --bad: #7f1d1d; --info: #1e3a8a; --ok-bg: #fff; --warn-bg: #fff; --bad-bg: #fff; --info-bg: #fff;
    --s-created: #2e7d4f; --s-updated: #3b6fb3; --s-deactivated: #7d7f84; --s-parked: #c07400; --s-failed: #c0392b; --s-duration: #6b5ca8; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, figure, .card { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
