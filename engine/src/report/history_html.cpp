// The history as one self-contained HTML page: a trend chart per scenario and metric
// (median per run with its trial range, change points and re-baselines marked, commit ids
// on hover), the changes ordered by size, and a scenario filter (glob). Inline CSS, SVG
// and one small script; nothing is loaded from anywhere.

#include <algorithm>
#include <cmath>
#include <map>

#include "common/format.h"
#include "perfgate/report.h"
#include "report/history_figures.h"
#include "report/svg.h"
#include "report/verdict_figures.h"
#include "report/xml_text.h"

namespace perfgate {
namespace {

// Above this many points a chart keeps its line and range band but drops the per-point
// hover marks, so that 200 series of 1 000 runs stay a page a browser opens quickly.
constexpr std::size_t kPointMarkLimit = 400;

constexpr const char* kStyle = R"css(
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--bad:#cf222e;--good:#1a7f37;--accent:#0969da;--band:#eaeef2;--base:#8250df}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--bg:#0d1117;--band:#21262d}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.1em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line)}
h3{font-size:1em;margin:1.2em 0 .3em;overflow-wrap:anywhere}.muted{color:var(--muted)}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92em}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}.regression{color:var(--bad)}.improvement{color:var(--good)}
input[type=search]{font:inherit;padding:4px 8px;width:min(100%,420px);border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
svg.trend{width:100%;height:auto;display:block}svg text{fill:var(--fg);font-size:11px}svg text.small{font-size:10px;fill:var(--muted)}
.axis{stroke:var(--line);stroke-width:1}.spread{stroke:var(--muted);stroke-width:1;opacity:.6}.band{fill:var(--band);stroke:none}
polyline.median{fill:none;stroke:var(--accent);stroke-width:1.5}circle.point{fill:var(--accent)}.segment{stroke:var(--fg);stroke-width:1;opacity:.5}
.cp-regression{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:4 3}.cp-improvement{stroke:var(--good);stroke-width:1.5;stroke-dasharray:4 3}
text.cp-regression{fill:var(--bad);stroke:none}text.cp-improvement{fill:var(--good);stroke:none}.rebaseline{stroke:var(--base);stroke-width:1.5}text.rebaseline{fill:var(--base);stroke:none}
)css";

// Typing a glob hides the charts and table rows of other scenarios; a link to
// history.html#scenario=GLOB opens the page filtered.
constexpr const char* kFilterScript = R"js(
const filter=document.getElementById('filter'),shown=document.getElementById('shown');
function apply(){const g=filter.value.trim();
const re=g?new RegExp('^'+g.replace(/[.+^${}()|[\]\\]/g,'\\$&').replace(/\*/g,'.*').replace(/\?/g,'.')+'$'):null;
let n=0;document.querySelectorAll('[data-scenario]').forEach(e=>{const ok=!re||re.test(e.dataset.scenario);e.hidden=!ok;if(ok&&e.tagName==='SECTION')n++;});
shown.textContent=n;}
filter.addEventListener('input',apply);
const preset=new URLSearchParams(location.hash.slice(1)).get('scenario');
if(preset!==null){filter.value=preset;apply();}
)js";

struct Frame {
  double width = 900, height = 200, left = 72, right = 12, top = 16, bottom = 22;
  std::size_t runs = 1;
  double low = 0, high = 1;
  double x(double run) const { return left + (runs <= 1 ? 0.5 : run / double(runs - 1)) * (width - left - right); }
  double y(double v) const { return top + (high - v) / (high - low) * (height - top - bottom); }
};

Frame frame_of(const HistorySeries& s, std::size_t runs) {
  Frame f;
  f.runs = runs;
  f.low = s.points.front().low;
  f.high = s.points.front().high;
  for (const auto& p : s.points) {
    f.low = std::min(f.low, p.low);
    f.high = std::max(f.high, p.high);
  }
  const double pad = f.high > f.low ? (f.high - f.low) * 0.08 : std::max(std::abs(f.high) * 0.05, 1e-9);
  f.low -= pad;
  f.high += pad;
  return f;
}

std::string point_title(const HistoryAnalysis& a, const HistorySeries& s, const HistoryPoint& p) {
  const HistoryRun& run = a.runs[p.run];
  return "run " + std::to_string(p.run + 1) + " · " + run.short_source_commit() + " · " + format_time(run.commit_time) +
         "\nmedian " + format_in_unit(p.median, s.unit) + " (trials " + format_in_unit(p.low, s.unit) + " – " +
         format_in_unit(p.high, s.unit) + ")";
}

std::string axes(const Frame& f, const HistorySeries& s) {
  std::string out = svg::line(f.left, f.top, f.left, f.height - f.bottom, "axis") +
                    svg::line(f.left, f.height - f.bottom, f.width - f.right, f.height - f.bottom, "axis");
  for (double v : {f.low, (f.low + f.high) / 2, f.high}) {
    out += svg::text(f.left - 4, f.y(v) + 4, format_in_unit(v, s.unit), "small", "end");
  }
  out += svg::text(f.left, f.height - 6, "run 1", "small") +
         svg::text(f.width - f.right, f.height - 6, "run " + std::to_string(f.runs), "small", "end");
  return out;
}

std::string spread_and_line(const HistoryAnalysis& a, const Frame& f, const HistorySeries& s) {
  std::string out, line = "<polyline class=\"median\" points=\"";
  const bool marks = s.points.size() <= kPointMarkLimit;
  std::string upper, lower;
  for (const auto& p : s.points) {
    const double x = f.x(static_cast<double>(p.run));
    line += svg::num(x) + "," + svg::num(f.y(p.median)) + " ";
    if (marks) {
      out += svg::line(x, f.y(p.low), x, f.y(p.high), "spread");
    } else {
      upper += svg::num(x) + "," + svg::num(f.y(p.high)) + " ";
      lower = svg::num(x) + "," + svg::num(f.y(p.low)) + " " + lower;
    }
  }
  if (!marks) out += "<polygon class=\"band\" points=\"" + upper + lower + "\"/>";
  out += line + "\"/>";
  if (marks) {
    for (const auto& p : s.points) {
      out += "<circle class=\"point\"" + svg::attr("cx", f.x(static_cast<double>(p.run))) +
             svg::attr("cy", f.y(p.median)) + " r=\"2.5\">" + svg::title(point_title(a, s, p)) + "</circle>";
    }
  }
  return out;
}

// A mark's label on its right, or on its left near the chart's right edge.
std::string label_beside(const Frame& f, double x, const std::string& label, const std::string& cls) {
  const bool near_right = x > f.width - f.right - 60;
  return svg::text(near_right ? x - 3 : x + 3, f.top + 9, label, cls, near_right ? "end" : "start");
}

std::string change_marks(const HistoryAnalysis& a, const Frame& f, const HistorySeries& s) {
  std::vector<const HistoryChange*> changes;
  for (const auto& c : a.changes) {
    if (c.scenario == s.scenario && c.metric == s.metric) changes.push_back(&c);
  }
  std::sort(changes.begin(), changes.end(), [](const auto* x, const auto* y) { return x->run < y->run; });
  std::string out;
  // Segment medians: the level the series sat at between its change points.
  std::size_t begin_run = s.points.front().run;
  for (std::size_t k = 0; k <= changes.size(); ++k) {
    const std::size_t end_run = k < changes.size() ? changes[k]->run : s.points.back().run + 1;
    const double level = k < changes.size() ? changes[k]->before : (changes.empty() ? NAN : changes.back()->after);
    if (std::isfinite(level)) out += svg::line(f.x(double(begin_run)), f.y(level), f.x(double(end_run) - 1), f.y(level), "segment");
    begin_run = end_run;
  }
  for (const auto* c : changes) {
    const std::string cls = std::string("cp-") + change_kind(*c);
    const double x = f.x(static_cast<double>(c->run) - 0.5);
    out += "<g class=\"change-point\">" + svg::line(x, f.top, x, f.height - f.bottom, cls) +
           label_beside(f, x, format_history_change(*c).substr(0, format_history_change(*c).find(' ')), cls) +
           svg::title(std::string(change_kind(*c)) + " " + format_history_change(*c) + " between " + commit_range(*c) +
                      " (p = " + format_p(c->p_value) + ")") +
           "</g>";
  }
  return out;
}

std::string rebaseline_marks(const HistoryAnalysis& a, const Frame& f) {
  std::string out;
  for (const auto& b : a.baselines) {
    const auto run = std::find_if(a.runs.begin(), a.runs.end(), [&](const auto& r) { return r.source_commit == b.source_commit; });
    if (run == a.runs.end()) continue;
    const double x = f.x(static_cast<double>(run - a.runs.begin()));
    out += "<g class=\"rebaseline-mark\">" + svg::line(x, f.top, x, f.height - f.bottom, "rebaseline") +
           svg::text(x + 3, f.height - f.bottom - 3, b.label(), "rebaseline") +
           svg::title("re-baselined " + b.label() + " by " + b.tagger.name + ": " + b.reason) + "</g>";
  }
  return out;
}

std::string chart(const HistoryAnalysis& a, const HistorySeries& s, std::size_t index) {
  const Frame f = frame_of(s, a.runs.size());
  return "<section class=\"series\" data-scenario=\"" + escape_xml(s.scenario) + "\"><h3>" + escape_xml(s.scenario) +
         " <span class=\"muted\">" + escape_xml(s.metric) + " (" + std::string(to_string(s.direction)) +
         ")</span></h3><svg class=\"trend\" id=\"trend-" + std::to_string(index) + "\" viewBox=\"0 0 " +
         svg::num(f.width) + " " + svg::num(f.height) + "\" role=\"img\" aria-label=\"" + escape_xml(s.scenario + " " + s.metric) +
         " per run\">" + axes(f, s) + rebaseline_marks(a, f) + spread_and_line(a, f, s) + change_marks(a, f, s) +
         "</svg></section>\n";
}

std::string change_table(const HistoryAnalysis& a) {
  if (a.changes.empty()) return "<p>No change points: every series is one stable segment.</p>\n";
  std::string out = "<div class=\"scroll\"><table id=\"changes\"><thead><tr><th>scenario</th><th>metric</th><th>change</th>"
                    "<th>size [95 % interval]</th><th>before → after</th><th>runs</th><th>commits</th><th>p</th>"
                    "</tr></thead><tbody>\n";
  for (const auto& c : a.changes) {
    out += "<tr data-scenario=\"" + escape_xml(c.scenario) + "\"><td>" + escape_xml(c.scenario) + "</td><td>" +
           escape_xml(c.metric) + "</td><td class=\"" + change_kind(c) + "\">" + change_kind(c) +
           "</td><td class=\"num\">" + format_history_change(c) + "</td><td class=\"num\">" +
           escape_xml(format_in_unit(c.before, c.unit) + " → " + format_in_unit(c.after, c.unit)) +
           "</td><td class=\"num\">" + std::to_string(c.runs_before) + " | " + std::to_string(c.runs_after) +
           "</td><td><code>" + commit_range(c) + "</code></td><td class=\"num\">" + format_p(c.p_value) + "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

std::string render_history_html(const HistoryAnalysis& a, const std::string& title) {
  const auto& first = a.runs.front();
  const auto& last = a.runs.back();
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><title>" +
                    escape_xml(title) + "</title><style>" + kStyle + "</style></head><body><main>\n<h1>" +
                    escape_xml(title) + "</h1>\n<p class=\"muted\">History <code>" + escape_xml(a.name) + "</code>: " +
                    std::to_string(a.runs.size()) + " runs, commits <code>" + first.short_source_commit() + "</code> (" +
                    format_time(first.commit_time) + ") to <code>" + last.short_source_commit() + "</code> (" +
                    format_time(last.commit_time) + "). Each point is a run's median over its trials, its bar the "
                    "trials' range; dashed lines are change points, purple lines re-baselines.</p>\n"
                    "<p><input id=\"filter\" type=\"search\" placeholder=\"scenario glob, e.g. kv/*\" "
                    "aria-label=\"filter scenarios by glob\"> <span class=\"muted\"><span id=\"shown\">" +
                    std::to_string(a.series.size()) + "</span> of " + std::to_string(a.series.size()) +
                    " charts</span></p>\n<h2>Changes, largest first</h2>\n" + change_table(a) + "<h2>Trends</h2>\n";
  for (std::size_t i = 0; i < a.series.size(); ++i) out += chart(a, a.series[i], i);
  return out + "</main><script>" + kFilterScript + "</script></body></html>\n";
}

}  // namespace perfgate
