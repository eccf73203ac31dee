// The verdict as one self-contained HTML page: no scripts, no fonts, no network; inline
// CSS and SVG charts that scale from a phone to a wide screen (viewBox + max-width).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/format.h"
#include "perfgate/report.h"
#include "report/profile_html.h"
#include "report/svg.h"
#include "report/verdict_figures.h"
#include "report/verdict_notes.h"
#include "report/xml_text.h"

namespace perfgate {
namespace svg {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? v : 0.0);
  return buf;
}

}  // namespace svg

namespace {

constexpr std::size_t kChartRowLimit = 300;  // the table below always has every row

constexpr const char* kStyle = R"css(
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--bad:#cf222e;--good:#1a7f37;--warn:#9a6700;--neutral:#6e7781;--band:#eaeef2}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--bg:#0d1117;--band:#21262d}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.1em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line)}
.headline{font-size:1.15em;font-weight:600}.failed{color:var(--bad)}.passed{color:var(--good)}.muted{color:var(--muted)}
.warning{border-left:4px solid var(--warn);padding:4px 10px;margin:6px 0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92em}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
svg.chart{width:100%;height:auto;display:block}svg text{fill:var(--fg);font-size:12px}svg text.small{font-size:10px;fill:var(--muted)}
.axis{stroke:var(--line);stroke-width:1}.zero{stroke:var(--muted);stroke-width:1}.band{fill:var(--band)}
.v-regression{stroke:var(--bad);fill:var(--bad)}.v-improvement{stroke:var(--good);fill:var(--good)}.v-no-change{stroke:var(--neutral);fill:var(--neutral)}
.v-inconclusive,.v-new,.v-missing,.v-error{stroke:var(--warn);fill:var(--warn)}.whisker{stroke-width:2}
.series-candidate{stroke:#0969da;fill:#0969da}.series-baseline{stroke:var(--neutral);fill:var(--neutral)}polyline{fill:none;stroke-width:2}
.badge{font-size:.85em;font-weight:600}.badge.v-regression{color:var(--bad)}.badge.v-improvement{color:var(--good)}.badge.v-no-change{color:var(--neutral)}.badge.v-inconclusive,.badge.v-new,.badge.v-missing,.badge.v-error{color:var(--warn)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}figure{margin:0}figcaption{font-size:.9em;color:var(--muted);overflow-wrap:anywhere}
)css";

// The page carries no fonts, and emoji fonts are not everywhere: words and colour instead.
std::string plain_headline(const VerdictReport& r) {
  std::string h = verdict_headline(r);
  for (const char* symbol : {"❌ ", "✅ "}) {
    if (h.rfind(symbol, 0) == 0) h = h.substr(std::string(symbol).size());
  }
  return (r.gate_failed ? "Blocking: " : "Passing: ") + h.substr(0, h.rfind(" — "));
}

std::string badge(Verdict v) {
  return "<span class=\"badge v-" + std::string(to_string(v)) + "\">" + std::string(to_string(v)) + "</span>";
}

// Horizontal position of a ratio on a log scale symmetric around "no change".
struct ChangeAxis {
  double extent;  // |log ratio| at either edge
  double left, right;
  double x(double ratio) const {
    const double v = std::clamp(std::log(ratio), -extent, extent);
    return left + (v + extent) / (2 * extent) * (right - left);
  }
};

ChangeAxis change_axis(const std::vector<const Comparison*>& rows, double left, double right) {
  double extent = std::log(1.1);
  for (const auto* c : rows) {
    for (double r : {c->ratio_lower, c->ratio_upper, 1 + c->threshold}) {
      if (std::isfinite(r) && r > 0) extent = std::max(extent, std::abs(std::log(r)));
    }
  }
  return {std::min(extent * 1.1, std::log(10.0)), left, right};
}

std::string change_chart(const VerdictReport& r) {
  std::vector<const Comparison*> rows;
  for (const auto& c : r.comparisons) {
    if (!c.test.empty() && rows.size() < kChartRowLimit) rows.push_back(&c);
  }
  if (rows.empty()) return "";
  constexpr double kWidth = 900, kLabel = 330, kRow = 24, kTop = 28;
  const ChangeAxis axis = change_axis(rows, kLabel + 10, kWidth - 20);
  const double height = kTop + rows.size() * kRow + 12;
  std::ostringstream s;
  s << "<svg id=\"chart-changes\" class=\"chart\" viewBox=\"0 0 " << svg::num(kWidth) << " " << svg::num(height)
    << "\" role=\"img\" aria-label=\"Change of each metric, candidate against baseline, with confidence intervals\">";
  // Most telling ticks first; a tick too close to one already drawn is left out.
  std::vector<double> drawn;
  for (double pct : {0.0, -50.0, 100.0, -90.0, 500.0, 200.0, -20.0, 20.0, 50.0, -10.0, 10.0, -5.0, 5.0, -2.0, 2.0}) {
    const double ratio = 1 + pct / 100;
    if (std::abs(std::log(ratio)) > axis.extent) continue;
    const double x = axis.x(ratio);
    if (std::any_of(drawn.begin(), drawn.end(), [&](double d) { return std::abs(d - x) < 40; })) continue;
    drawn.push_back(x);
    s << svg::line(x, kTop - 6, x, height - 8, pct == 0 ? "zero" : "axis")
      << svg::text(x, kTop - 10, (pct > 0 ? "+" : "") + format_fixed(pct, 0) + "%", "small", "middle");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Comparison& c = *rows[i];
    const double y = kTop + i * kRow + kRow / 2;
    const std::string cls = "v-" + std::string(to_string(c.verdict));
    std::string label = c.scenario + " · " + c.metric;
    if (label.size() > 48) label = label.substr(0, 45) + "...";
    s << "<g class=\"row\">" << svg::title(c.scenario + " " + c.metric + ": " + format_change(c) + " (" +
                                           std::string(to_string(c.verdict)) + ")")
      << svg::rect(axis.x(1 / (1 + c.threshold)), y - kRow / 2 + 3, axis.x(1 + c.threshold) - axis.x(1 / (1 + c.threshold)),
                   kRow - 6, "band")
      << svg::text(kLabel, y + 4, label, "", "end")
      << svg::line(axis.x(c.ratio_lower), y, axis.x(c.ratio_upper), y, cls + " whisker")
      << svg::line(axis.x(c.ratio_lower), y - 5, axis.x(c.ratio_lower), y + 5, cls + " whisker")
      << svg::line(axis.x(c.ratio_upper), y - 5, axis.x(c.ratio_upper), y + 5, cls + " whisker")
      << svg::circle(axis.x(c.ratio), y, 4.5, cls) << "</g>";
  }
  s << "</svg>";
  return s.str();
}

// Latency against percentile on a "nines" axis (50, 90, 99, 99.9, 99.99), log latency.
struct SpectrumPoint {
  double nines, latency_ns;
};

std::vector<SpectrumPoint> spectrum(const LatencyHistogram& h) {
  std::vector<SpectrumPoint> points;
  if (h.count() == 0) return points;
  for (double q : {0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999}) {
    points.push_back({-std::log10(1 - q), std::max(1.0, h.quantile(q))});
  }
  return points;
}

std::string spectrum_chart(const std::string& scenario, const LatencyHistogram* candidate,
                           const LatencyHistogram* baseline) {
  const auto cand = candidate ? spectrum(*candidate) : std::vector<SpectrumPoint>{};
  const auto base = baseline ? spectrum(*baseline) : std::vector<SpectrumPoint>{};
  if (cand.empty() && base.empty()) return "";
  double lo = 1e300, hi = 0;
  for (const auto* series : {&cand, &base}) {
    for (const auto& p : *series) lo = std::min(lo, p.latency_ns), hi = std::max(hi, p.latency_ns);
  }
  const double log_lo = std::floor(std::log10(lo)), log_hi = std::max(log_lo + 1, std::ceil(std::log10(hi)));
  constexpr double kW = 420, kH = 230, kL = 56, kR = 24, kT = 12, kB = 34;
  const auto x = [&](double nines) { return kL + nines / 4 * (kW - kL - kR); };
  const auto y = [&](double ns) { return kH - kB - (std::log10(ns) - log_lo) / (log_hi - log_lo) * (kH - kT - kB); };
  std::ostringstream s;
  s << "<figure><svg class=\"chart spectrum\" viewBox=\"0 0 " << kW << " " << kH
    << "\" role=\"img\" aria-label=\"Latency percentiles of " << escape_xml(scenario) << "\">";
  for (double decade = log_lo; decade <= log_hi; ++decade) {
    const double ns = std::pow(10, decade);
    s << svg::line(kL, y(ns), kW - kR, y(ns), "axis") << svg::text(kL - 4, y(ns) + 4, format_latency_ns(ns), "small", "end");
  }
  const char* labels[] = {"p50", "p90", "p99", "p99.9", "p99.99"};
  for (int n = 0; n <= 4; ++n) {
    const double nines = n == 0 ? -std::log10(0.5) : n;
    s << svg::line(x(nines), kT, x(nines), kH - kB, "axis") << svg::text(x(nines), kH - kB + 16, labels[n], "small", "middle");
  }
  const auto polyline = [&](const std::vector<SpectrumPoint>& series, const char* cls, const char* name) {
    if (series.empty()) return;
    s << "<g class=\"" << cls << "\">" << svg::title(name) << "<polyline points=\"";
    for (const auto& p : series) s << svg::num(x(p.nines)) << "," << svg::num(y(p.latency_ns)) << " ";
    s << "\"/>";
    for (const auto& p : series) s << svg::circle(x(p.nines), y(p.latency_ns), 2.5, "");
    s << "</g>";
  };
  polyline(base, "series-baseline", "baseline");
  polyline(cand, "series-candidate", "candidate");
  s << svg::text(kW - kR, kH - 4, "— candidate", "series-candidate small", "end")
    << svg::text(kW - kR - 90, kH - 4, "— baseline", "series-baseline small", "end");
  s << "</svg><figcaption>" << escape_xml(scenario) << "</figcaption></figure>";
  return s.str();
}

const ScenarioResult* find_scenario(const std::optional<Result>& result, const std::string& name) {
  if (!result) return nullptr;
  for (const auto& s : result->scenarios) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string spectrum_section(const HtmlReportInputs& in) {
  if (!in.candidate) return "";
  std::ostringstream s;
  for (const auto& scenario : in.candidate->scenarios) {
    const ScenarioResult* base = find_scenario(in.baseline, scenario.name);
    const LatencyHistogram* base_hist = base ? &base->latency : scenario.baseline ? &scenario.baseline->latency : nullptr;
    s << spectrum_chart(scenario.name, &scenario.latency, base_hist);
  }
  if (s.str().empty()) return "";
  return "<section id=\"spectrum\"><h2>Latency percentiles</h2><div class=\"grid\">" + s.str() + "</div></section>";
}

// Throughput (bars) and p99 (line, log scale) per interval of one trial of a staged or
// soak run: where a spike hit, when latency recovered, whether it drifted.
std::string timeline_chart(const std::string& scenario, const std::vector<TimelinePoint>& points) {
  constexpr double kW = 900, kH = 220, kL = 60, kR = 60, kT = 14, kB = 30;
  double max_rate = 1, lo = 1e300, hi = 0;
  for (const auto& p : points) {
    max_rate = std::max(max_rate, p.throughput);
    if (std::isfinite(p.latency_p99) && p.latency_p99 > 0) lo = std::min(lo, p.latency_p99), hi = std::max(hi, p.latency_p99);
  }
  const double end = points.back().t_s;
  const double log_lo = hi > 0 ? std::floor(std::log10(lo)) : 0, log_hi = hi > 0 ? std::max(log_lo + 1, std::ceil(std::log10(hi))) : 1;
  const auto x = [&](double t) { return kL + t / end * (kW - kL - kR); };
  const auto y_rate = [&](double r) { return kH - kB - r / max_rate * (kH - kT - kB); };
  const auto y_lat = [&](double ns) { return kH - kB - (std::log10(ns) - log_lo) / (log_hi - log_lo) * (kH - kT - kB); };
  std::ostringstream s;
  s << "<figure><svg class=\"chart timeline\" viewBox=\"0 0 " << kW << " " << kH
    << "\" role=\"img\" aria-label=\"Throughput and p99 latency over time of " << escape_xml(scenario) << "\">"
    << svg::line(kL, kH - kB, kW - kR, kH - kB, "axis") << svg::text(kL - 4, y_rate(max_rate) + 4, format_count(max_rate) + "/s", "small", "end")
    << svg::text(kW - kR, kH - 8, format_fixed(end, 0) + " s", "small", "end");
  const double width = std::max(1.0, (kW - kL - kR) / double(points.size()) - 1);
  for (const auto& p : points) {
    s << svg::rect(x(p.t_s) - width, y_rate(p.throughput), width, kH - kB - y_rate(p.throughput), "band");
  }
  for (double decade = log_lo; hi > 0 && decade <= log_hi; ++decade) {
    s << svg::text(kW - kR + 4, y_lat(std::pow(10, decade)) + 4, format_latency_ns(std::pow(10, decade)), "small");
  }
  if (hi > 0) {
    s << "<g class=\"series-candidate\">" << svg::title("p99 latency") << "<polyline points=\"";
    for (const auto& p : points) {
      if (std::isfinite(p.latency_p99) && p.latency_p99 > 0) s << svg::num(x(p.t_s)) << "," << svg::num(y_lat(p.latency_p99)) << " ";
    }
    s << "\"/></g>";
  }
  s << "</svg><figcaption>" << escape_xml(scenario) << ": throughput (bars), p99 latency (line, right axis)</figcaption></figure>";
  return s.str();
}

std::string timeline_section(const HtmlReportInputs& in) {
  if (!in.candidate) return "";
  std::ostringstream s;
  for (const auto& scenario : in.candidate->scenarios) {
    if (!scenario.trials.empty() && !scenario.trials.back().timeline.empty()) {
      s << timeline_chart(scenario.name, scenario.trials.back().timeline);
    }
  }
  if (s.str().empty()) return "";
  return "<section id=\"timelines\"><h2>Timelines (last trial)</h2>" + s.str() + "</section>";
}

// What the candidate's shape analyses and sweeps found, as perf-run printed it.
std::string analysis_section(const HtmlReportInputs& in) {
  if (!in.candidate) return "";
  std::istringstream lines(render_analysis_summary(*in.candidate));
  std::ostringstream s;
  for (std::string line; std::getline(lines, line);) s << "<li>" << escape_xml(line) << "</li>";
  if (s.str().empty()) return "";
  return "<section id=\"analyses\"><h2>Analyses</h2><ul>" + s.str() + "</ul></section>";
}

std::string comparisons_table(const VerdictReport& r) {
  std::ostringstream s;
  s << "<section id=\"table\"><h2>All comparisons</h2><div class=\"scroll\"><table><thead><tr><th>scenario</th>"
       "<th>metric</th><th>baseline</th><th>candidate</th><th>change [CI]</th><th>p (adj.)</th><th>verdict</th>"
       "</tr></thead><tbody>";
  for (const auto& c : r.comparisons) {
    s << "<tr class=\"v-" << to_string(c.verdict) << "\"><td>" << escape_xml(c.scenario) << "</td><td>"
      << escape_xml(c.metric) << "</td><td class=\"num\">" << format_in_unit(c.baseline_median, c.unit)
      << "</td><td class=\"num\">" << format_in_unit(c.candidate_median, c.unit) << "</td><td class=\"num\">"
      << format_change(c) << "</td><td class=\"num\">" << (c.test.empty() ? "-" : format_p(c.p_adjusted))
      << "</td><td>" << badge(c.verdict) << "</td></tr>";
  }
  s << "</tbody></table></div></section>";
  return s.str();
}

std::string checks_table(const VerdictReport& r) {
  if (r.checks.empty()) return "";
  std::ostringstream s;
  s << "<section id=\"checks\"><h2>Thresholds</h2><div class=\"scroll\"><table><thead><tr><th>scenario</th>"
       "<th>check</th><th>measured</th><th>result</th></tr></thead><tbody>";
  for (const auto& c : r.checks) {
    s << "<tr><td>" << escape_xml(c.scenario) << "</td><td><code>" << escape_xml(c.check.text)
      << "</code></td><td class=\"num\">" << format_in_unit(c.measured, c.unit) << "</td><td>"
      << (c.passed ? "<span class=\"badge v-improvement\">passed</span>" : "<span class=\"badge v-regression\">breached</span>")
      << "</td></tr>";
  }
  s << "</tbody></table></div></section>";
  return s.str();
}

}  // namespace

std::string render_verdict_html(const HtmlReportInputs& in) {
  const VerdictReport& r = in.verdict;
  std::ostringstream s;
  s << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    << "<title>" << escape_xml(in.title + ": " + plain_headline(r)) << "</title><style>" << kStyle << kProfileStyle
    << "</style></head><body><main>\n<header><h1>" << escape_xml(in.title) << "</h1><p class=\"headline "
    << (r.gate_failed ? "failed" : "passed") << "\">" << escape_xml(plain_headline(r)) << "</p><p class=\"muted\">baseline "
    << escape_xml(r.baseline_source.empty() ? "(none)" : r.baseline_source) << " · candidate "
    << escape_xml(r.candidate_source) << "</p></header>\n";
  for (const auto& w : r.warnings) s << "<p class=\"warning\">" << escape_xml(w) << "</p>\n";
  const std::string chart = change_chart(r);
  if (!chart.empty()) {
    s << "<section id=\"changes\"><h2>Change, candidate against baseline</h2><p class=\"muted\">Dot: "
         "estimate; whiskers: the interval its verdict is read from; shaded: the practical threshold.</p>" << chart
      << "</section>\n";
  }
  s << checks_table(r) << profile_diff_sections(r) << spectrum_section(in) << analysis_section(in)
    << timeline_section(in) << profile_sections(in.candidate) << comparisons_table(r)
    << "\n<footer class=\"muted\"><p>perfgate " << escape_xml(in.tool_version)
    << ". Ratios are estimates on log values; p-values adjusted across all comparisons.</p>";
  for (const auto& note : verdict_notes(r)) s << "<p>" << escape_xml(note) << "</p>";
  s << "</footer></main></body></html>\n";
  return s.str();
}

}  // namespace perfgate
