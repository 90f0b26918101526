/** Styles of the status board: compact rows, reasons, menus, pager, tiles by state, and the 360 px card list. */
export const BOARD_STYLES = `
.text-err { color: var(--err); }
.toolbar { justify-content: space-between; }
.toolbar-actions { display:flex; gap:8px; }
.filters input[type=search] { width: 16rem; max-width: 100%; }
.check-cell { align-self: center; padding-top: 16px; }
table.conn-table td { padding: 6px 8px; }
table.conn-table .conn-name { margin-right: 6px; }
table.conn-table td[data-label="Connection"] .muted { margin-right: 6px; }
table.conn-table tr[data-row-state=error] td:first-child { box-shadow: inset 3px 0 0 var(--err); }
table.conn-table tr[data-row-state=paused] td:first-child { box-shadow: inset 3px 0 0 #d08a00; }
.reason { margin-top: 4px; color: var(--err); font-size: .85rem; }
.hint-inline { color: var(--fg); background: var(--info-bg); border-radius: 4px; padding: 2px 6px; margin-top: 2px; }
.group-row th { background: #eceff3; text-transform: none; letter-spacing: 0; font-size: .9rem; color: var(--fg); }
.actions { flex-wrap: nowrap; align-items: start; }
details.menu { position: relative; }
details.menu > summary { list-style: none; display: inline-flex; align-items: center; }
details.menu > summary::-webkit-details-marker { display: none; }
details.menu > summary::after { content: '▾'; margin-left: 4px; font-size: .75rem; }
.menu-items { position: absolute; right: 0; top: calc(100% + 4px); z-index: 10; display: flex; flex-direction: column;
  gap: 4px; min-width: 9rem; padding: 6px; background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 6px 20px rgba(10,20,30,.18); }
.menu-items .btn { text-align: left; width: 100%; }
.btn-danger-solid { background: var(--err); border-color: var(--err); color: #fff; }
dialog.confirm { padding: 16px; width: min(420px, calc(100vw - 24px)); }
dialog.confirm p { margin: 0 0 8px; }
.pager { display: flex; gap: 8px; align-items: center; justify-content: center; margin: 10px 0; }
.tile-ok { border-left: 4px solid var(--ok); } .tile-ok .value { color: var(--ok); }
.tile-warn { border-left: 4px solid #d08a00; } .tile-warn .value { color: var(--warn); }
.tile-err { border-left: 4px solid var(--err); background: var(--err-bg); } .tile-err .value { color: var(--err); }
.slow { color: var(--err); font-weight: 700; }
.usage { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0; padding: 0; list-style: none; font-size: .85rem; }
.usage-high { color: var(--err); font-weight: 700; }
.breaker-note { font-size: .8rem; color: var(--muted); max-width: 22rem; }
.copy-row { display: flex; gap: 8px; align-items: center; }
/* Narrow screens: the tables become a list of compact cards. */
@media (max-width: 760px) {
  table.cards thead { display:none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th { display:block; width:100%; }
  table.cards tr { display:grid; grid-template-columns: 1.6rem 1fr auto; gap:2px 6px; border:1px solid var(--line);
    border-radius:8px; margin-bottom:6px; background:var(--card); padding:6px; }
  table.cards tr.group-row { display:block; border:none; background:none; padding:6px 0 0; margin:0; }
  table.cards tbody tr td[colspan] { grid-column: 1 / 4; }
  table.cards td { border:none; padding:0 2px; min-width:0; overflow-wrap:anywhere; }
  table.cards td[data-label="Select"] { grid-column: 1; grid-row: 1 / 3; }
  table.cards td[data-label="Connection"] { grid-column: 2 / 4; }
  table.cards td[data-label="Status"] { grid-column: 2; }
  table.cards td[data-label="Last test"] { grid-column: 3; text-align: right; font-size: .8rem; }
  table.cards td[data-label="Last test"] .muted { display: none; }
  table.cards td[data-label="Actions"] { grid-column: 2 / 4; }
  table.cards.plain tr { grid-template-columns: 1fr 1fr; }
  table.cards.plain td[data-label]::before { content: attr(data-label); display:block; font-size:.7rem;
    color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
  table.cards.plain td[data-label="Connection"] { grid-column: 1 / 3; }
  table.cards.plain td[data-label="Connection"]::before { display: none; }
  table.data:not(.cards) { display:block; overflow-x:auto; }
  .menu-items { right: auto; left: 0; }
  .filters > div { flex: 1 1 40%; }
  .filters input[type=search] { width: 100%; }
}
`;
