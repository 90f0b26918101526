/** The UI's stylesheet, served as /assets/admin.css (the CSP allows no inline style). Mobile first: 360 px up. */
import { BOARD_STYLES } from './board-styles.ts';

export const STYLES = `
:root { --bg:#f6f7f9; --fg:#17202a; --muted:#5d6b7a; --line:#d8dde3; --card:#fff; --accent:#1f5fbf;
  --ok:#17733a; --ok-bg:#e3f4e8; --warn:#8a5a00; --warn-bg:#fff3d6; --err:#a61b1b; --err-bg:#fde8e8;
  --info-bg:#e6eefb; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font-size:15px; line-height:1.45; }
a { color:var(--accent); }
main { padding: 12px; max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: 8px 0 12px; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
.topbar { display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; padding:8px 12px; background:#14213d; color:#fff; }
.topbar a { color:#fff; text-decoration:none; }
.brand { font-weight:700; }
.topbar nav { display:flex; gap:12px; flex-wrap:wrap; }
.topbar nav a[aria-current=page] { text-decoration: underline; text-underline-offset: 4px; }
.signout { margin-left:auto; display:flex; gap:8px; align-items:center; }
.who { font-size: .85rem; }
.btn { font: inherit; border:1px solid var(--line); background:#fff; color:var(--fg); border-radius:6px;
  padding:6px 12px; cursor:pointer; min-height:36px; }
.btn:hover { border-color: var(--accent); }
.btn-primary { background:var(--accent); border-color:var(--accent); color:#fff; }
.btn-danger { color:var(--err); border-color:#e9b4b4; }
.btn-small { padding:2px 8px; min-height:28px; font-size:.85rem; }
.toolbar { display:flex; flex-wrap:wrap; gap:8px; align-items:end; margin-bottom:12px; }
.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:end; }
label { display:block; font-size:.85rem; color:var(--muted); }
input, select { font: inherit; padding:6px 8px; border:1px solid var(--line); border-radius:6px; background:#fff;
  min-height:36px; max-width:100%; }
.field { margin-bottom: 10px; }
.field input, .field select { width:100%; }
.field input[type=checkbox] { width:auto; min-height:auto; }
.field-error { color:var(--err); font-size:.85rem; margin:2px 0 0; }
.field input[aria-invalid=true], .field select[aria-invalid=true] { border-color: var(--err); }
.check { display:flex; gap:8px; align-items:center; color:var(--fg); font-size:.95rem; }
.check input { min-height:auto; }
.panel { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px; margin-bottom:12px; }
.badge { display:inline-block; border-radius:999px; padding:1px 8px; font-size:.8rem; font-weight:600;
  background:var(--info-bg); color:var(--accent); white-space:nowrap; }
.badge-ok { background:var(--ok-bg); color:var(--ok); }
.badge-warn { background:var(--warn-bg); color:var(--warn); }
.badge-err { background:var(--err-bg); color:var(--err); }
.badge-muted { background:#eceff3; color:var(--muted); }
table.data { width:100%; border-collapse:collapse; background:var(--card); }
table.data th, table.data td { text-align:left; padding:8px; border-bottom:1px solid var(--line); vertical-align:top; }
table.data th { font-size:.8rem; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); }
.actions { display:flex; flex-wrap:wrap; gap:4px; }
.muted { color:var(--muted); font-size:.85rem; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:.85rem; }
.log { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:.8rem; background:#0f1722; color:#d7e1ec;
  padding:8px 8px 8px 28px; border-radius:6px; max-height:260px; overflow:auto; margin:8px 0; word-break:break-word; }
.warning { background:var(--err-bg); color:var(--err); border:1px solid #f1b5b5; border-radius:6px; padding:8px; font-weight:600; }
.notice { background:var(--warn-bg); color:var(--warn); border-radius:6px; padding:8px; }
.hint { background:var(--info-bg); border-radius:6px; padding:8px; }
.flash-area { position: fixed; right: 12px; bottom: 12px; z-index: 30; width: min(460px, calc(100vw - 24px)); }
.flash-area .flash { margin: 8px 0 0; box-shadow: 0 4px 16px rgba(10,20,30,.2); }
.flash { display:flex; gap:8px; align-items:start; justify-content:space-between; margin:8px 12px; padding:8px 12px;
  border-radius:6px; }
.flash p { margin: 0; }
.flash-error { background:var(--err-bg); color:var(--err); }
.flash-ok { background:var(--ok-bg); color:var(--ok); }
.kv { display:grid; grid-template-columns: max-content 1fr; gap:4px 12px; margin: 8px 0; }
.kv dt { color:var(--muted); } .kv dd { margin:0; }
.tiles { display:grid; grid-template-columns: repeat(2, minmax(0,1fr)); gap:8px; margin-bottom:12px; }
.tile { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px; }
.tile .value { font-size:1.3rem; font-weight:700; }
.tile .label { color:var(--muted); font-size:.8rem; }
progress { width:100%; height:18px; accent-color: var(--accent); }
meter { width: 100%; height: 14px; }
.results { list-style:none; padding:0; margin:8px 0 0; }
.results li { padding:6px 0; border-bottom:1px solid var(--line); }
.sparkline { display:block; width:120px; height:28px; }
.sparkline .line { fill:none; stroke:var(--accent); stroke-width:1.5; }
.sparkline .line-ok { stroke: var(--ok); }
.sparkline .bar-ok { fill: var(--ok); } .sparkline .bar-warn { fill: #d08a00; } .sparkline .bar-err { fill: var(--err); }
.sparkline .bar-empty { fill: var(--line); }
dialog { border:none; border-radius:10px; padding:0; width:min(560px, calc(100vw - 16px)); max-height: calc(100vh - 16px); }
dialog::backdrop { background: rgba(10,20,30,.45); }
dialog form { padding: 14px; }
.dialog-actions { display:flex; gap:8px; justify-content:flex-end; margin-top:12px; }
.login { max-width: 420px; margin: 24px auto; }
.or { text-align:center; color:var(--muted); margin: 12px 0; }
.htmx-indicator { opacity: 0; transition: opacity .2s; }
.htmx-request .htmx-indicator, .htmx-request.htmx-indicator { opacity: 1; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip: rect(0 0 0 0); white-space:nowrap; }
@media (min-width: 760px) {
  main { padding: 20px; }
  .tiles { grid-template-columns: repeat(4, minmax(0,1fr)); }
}
${BOARD_STYLES}`;
