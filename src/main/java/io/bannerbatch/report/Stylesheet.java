package io.bannerbatch.report;

/** The page's only stylesheet, inlined so the report opens from disk, offline, anywhere. */
final class Stylesheet {

	static final String CSS = """
			:root {
				color-scheme: light;
				--ink: #1d2433; --muted: #667085; --line: #e4e7ec; --page: #f5f6fa; --card: #ffffff;
				--accent: #4f46e5;
				--red: #b42318; --red-bg: #fef3f2; --red-line: #fecdca;
				--amber: #93500a; --amber-bg: #fffaeb; --amber-line: #fedf89;
				--green: #067647; --green-bg: #ecfdf3;
			}
			* { box-sizing: border-box; }
			body {
				margin: 0; background: var(--page); color: var(--ink);
				font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
			}
			code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--page);
				padding: 1px 5px; border-radius: 4px; }
			header.top { background: var(--card); border-bottom: 1px solid var(--line); padding: 24px 32px 20px; }
			h1 { margin: 0 0 4px; font-size: 24px; letter-spacing: -0.01em; }
			h2 { margin: 0 0 8px; font-size: 18px; }
			.subtitle { margin: 0; color: var(--muted); }
			.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 18px 0 0; }
			.summary div { background: var(--page); border: 1px solid var(--line); border-radius: 10px;
				padding: 8px 14px; min-width: 116px; }
			.summary dt { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em;
				color: var(--muted); }
			.summary dd { margin: 2px 0 0; font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums;
				overflow-wrap: anywhere; }
			main { padding: 24px 32px 8px; }
			section { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
				padding: 20px 24px; margin-bottom: 24px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
			.lead { margin: 0 0 14px; color: var(--muted); }
			.note { margin: 14px 0 0; color: var(--muted); font-style: italic; }
			.all-good { margin: 0; padding: 10px 14px; border-radius: 8px; background: var(--green-bg);
				color: var(--green); font-weight: 600; }
			table { border-collapse: collapse; }
			th { text-align: left; font-weight: 600; }
			.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
				margin-right: 4px; font-style: normal; }
			.pill.failed { background: var(--red-bg); color: var(--red); border: 1px solid var(--red-line); }
			.pill.rejected { background: var(--amber-bg); color: var(--amber); border: 1px solid var(--amber-line); }
			.problems .scroll { max-height: 28rem; overflow-y: auto; }
			.problems table { width: 100%; }
			.problems thead th { position: sticky; top: 0; background: var(--card); }
			.problems th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em;
				padding: 6px 10px; border-bottom: 2px solid var(--line); }
			.problems td { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
			.problems td.key { font-weight: 600; overflow-wrap: anywhere; max-width: 260px; }
			.problems td.reason { overflow-wrap: anywhere; color: var(--ink); }
			.problems tr.failed td:first-child { box-shadow: inset 3px 0 0 var(--red); }
			.problems tr.rejected td:first-child { box-shadow: inset 3px 0 0 #f79009; }
			.num { text-align: right; font-variant-numeric: tabular-nums; width: 4em; }
			a { color: var(--accent); }
			.grid { overflow-x: auto; }
			.grid table { table-layout: fixed; }
			.grid thead th { position: sticky; top: 0; z-index: 1; background: var(--card); padding: 8px 10px;
				font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em;
				border-bottom: 2px solid var(--line); }
			.grid th.rowhead { width: 200px; }
			.grid th.format { width: 196px; text-align: center; }
			.grid tbody th.rowhead { vertical-align: top; padding: 12px 10px; border-bottom: 1px solid var(--line); }
			.rowhead .number { display: block; font-size: 12px; color: var(--muted); font-weight: 500;
				font-variant-numeric: tabular-nums; }
			.rowhead .number::before { content: "Row "; }
			.rowhead .key { display: block; font-weight: 650; overflow-wrap: anywhere; }
			.cell { width: 196px; padding: 10px 8px; vertical-align: top; text-align: center;
				border-bottom: 1px solid var(--line); }
			.frame { display: flex; align-items: center; justify-content: center; width: 176px; height: 176px;
				margin: 0 auto; padding: 8px; border-radius: 8px; border: 1px solid var(--line); text-decoration: none;
				background: #fff repeating-conic-gradient(#f2f4f7 0% 25%, #fff 0% 50%) 50% / 16px 16px; }
			a.frame:hover { border-color: var(--accent); box-shadow: 0 0 0 3px rgba(79, 70, 229, 0.15); }
			.frame img { display: block; max-width: 160px; max-height: 160px; width: auto; height: auto;
				box-shadow: 0 1px 3px rgba(16, 24, 40, 0.18); }
			.frame img[data-failed] { font-size: 12px; color: var(--red); box-shadow: none; }
			.frame.empty { color: var(--muted); font-size: 12px; background: var(--page); }
			.frame.notice { flex-direction: column; gap: 4px; background: var(--page); color: var(--muted);
				font-size: 12px; overflow: hidden; }
			.meta { display: flex; justify-content: center; align-items: center; gap: 6px; margin-top: 6px;
				font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
			.badge { padding: 0 7px; border-radius: 999px; background: #eef4ff; color: #3538cd; font-weight: 600;
				border: 1px solid #c7d7fe; }
			.url { display: block; margin-top: 4px; font-size: 11px; color: var(--muted); overflow-wrap: anywhere; }
			.format-name { display: block; font-size: 11px; color: var(--muted); text-transform: uppercase;
				margin-bottom: 4px; }
			.state { display: block; font-weight: 650; font-size: 13px; }
			.grid .reason { display: -webkit-box; -webkit-line-clamp: 6; -webkit-box-orient: vertical; overflow: hidden;
				font-size: 12px; overflow-wrap: anywhere; }
			.cell.failed .frame { background: var(--red-bg); border-color: var(--red-line); color: var(--red); }
			.cell.failed .state::before { content: "\\26A0\\FE0E  "; }
			.cell.rejected .frame { background: var(--amber-bg); border-color: var(--amber-line); color: var(--amber); }
			.grid tr.rejected th.rowhead, .grid td.cell.rejected[colspan] { background: var(--amber-bg);
				color: var(--amber); }
			.grid td.cell.rejected[colspan] { vertical-align: middle; text-align: left; padding: 12px 20px;
				border-left: 3px solid #f79009; }
			.grid td.cell.rejected[colspan] .reason { margin-top: 2px; font-size: 13px; }
			.grid tr:target th.rowhead { box-shadow: inset 3px 0 0 var(--accent); }
			footer { padding: 0 32px 24px; color: var(--muted); font-size: 12px; }
			""";

	private Stylesheet() {
	}

}
