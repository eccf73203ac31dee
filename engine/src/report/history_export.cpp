// The history for dashboards and programs: CSV, OpenMetrics text, JSON.

#include <cmath>
#include <cstdio>

#include "common/format.h"
#include "perfgate/report.h"
#include "report/history_figures.h"

namespace perfgate {
namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return "NaN";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// RFC 4180: quote a field that holds a comma, quote or line break; double its quotes.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// OpenMetrics label values: backslash, double quote and line feed escaped.
std::string label_value(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\\') out += "\\\\";
    else if (ch == '"') out += "\\\"";
    else if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out;
}

std::string iso_time(std::int64_t seconds) {
  std::string t = format_time(seconds);  // "2026-12-04 03:25 UTC"
  return t.substr(0, 10) + "T" + t.substr(11, 5) + ":00Z";
}

}  // namespace

std::string render_history_csv(const HistoryAnalysis& a) {
  std::string out = "run,key,commit,commit_time,scenario,metric,unit,median,min,max\n";
  for (const auto& s : a.series) {
    for (const auto& p : s.points) {
      const HistoryRun& run = a.runs[p.run];
      out += std::to_string(p.run + 1) + "," + csv_field(run.key) + "," + run.source_commit + "," +
             iso_time(run.commit_time) + "," + csv_field(s.scenario) + "," + csv_field(s.metric) + "," +
             std::string(to_string(s.unit)) + "," + number(p.median) + "," + number(p.low) + "," + number(p.high) + "\n";
    }
  }
  return out;
}

std::string render_history_openmetrics(const HistoryAnalysis& a) {
  struct Family {
    const char* name;
    const char* help;
    double HistoryPoint::*value;
  };
  static constexpr Family kFamilies[] = {
      {"perfgate_history_median", "Median over a recorded run's trials", &HistoryPoint::median},
      {"perfgate_history_min", "Smallest trial value of a recorded run", &HistoryPoint::low},
      {"perfgate_history_max", "Largest trial value of a recorded run", &HistoryPoint::high}};
  std::string out;
  for (const auto& f : kFamilies) {
    out += std::string("# TYPE ") + f.name + " gauge\n# HELP " + f.name + " " + f.help + "\n";
    for (const auto& s : a.series) {
      for (const auto& p : s.points) {
        const HistoryRun& run = a.runs[p.run];
        out += std::string(f.name) + "{history=\"" + label_value(a.name) + "\",scenario=\"" + label_value(s.scenario) +
               "\",metric=\"" + label_value(s.metric) + "\",unit=\"" + std::string(to_string(s.unit)) +
               "\",commit=\"" + run.source_commit + "\",run=\"" + label_value(run.key) + "\"} " + number(p.*f.value) +
               " " + std::to_string(run.commit_time) + "\n";
      }
    }
  }
  return out + "# EOF\n";
}

Json to_json(const HistoryAnalysis& a) {
  Json runs = Json::array();
  for (const auto& r : a.runs) runs.push_back(to_json(r));
  Json series = Json::array();
  for (const auto& s : a.series) {
    Json points = Json::array();
    for (const auto& p : s.points) points.push_back({p.run, p.median, p.low, p.high});
    series.push_back({{"scenario", s.scenario},
                      {"metric", s.metric},
                      {"unit", to_string(s.unit)},
                      {"direction", to_string(s.direction)},
                      {"points", std::move(points)}});
  }
  Json changes = Json::array();
  for (const auto& c : a.changes) {
    changes.push_back({{"scenario", c.scenario},
                       {"metric", c.metric},
                       {"kind", change_kind(c)},
                       {"run", c.run},
                       {"ratio", c.ratio},
                       {"ratio_lower", c.ratio_lower},
                       {"ratio_upper", c.ratio_upper},
                       {"before", c.before},
                       {"after", c.after},
                       {"runs_before", c.runs_before},
                       {"runs_after", c.runs_after},
                       {"p_value", c.p_value},
                       {"last_commit_before", c.last_commit_before},
                       {"first_commit_after", c.first_commit_after}});
  }
  return {{"schema", kHistorySchema},
          {"name", a.name},
          {"runs", std::move(runs)},
          {"series", std::move(series)},
          {"changes", std::move(changes)}};
}

}  // namespace perfgate
