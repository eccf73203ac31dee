// perf-baseline's list and log for a terminal, and the log as JSON.

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "baseline/baseline_metadata.h"
#include "common/format.h"
#include "perfgate/baseline.h"
#include "report/text_table.h"

namespace perfgate {
namespace {

constexpr std::size_t kReasonWidth = 48;
constexpr std::size_t kChangesShown = 5;

// Cut at a character boundary, so a long reason in any script stays valid UTF-8.
std::string first_line(const std::string& text, std::size_t width) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > width) line = std::string(utf8_prefix(line, width - 3)) + "...";
  return line;
}

std::string saved_date(const BaselineVersion& v) {
  return format_git_time(v.tagger.time, v.tagger.offset_minutes).substr(0, 16).replace(10, 1, " ");
}

std::string signed_percent(double ratio) {
  const double change = (ratio - 1) * 100;
  return (change >= 0 ? "+" : "") + format_fixed(change, 1) + "%";
}

}  // namespace

std::string render_baseline_list(const std::vector<BaselineVersion>& versions, bool per_name) {
  if (versions.empty()) return "no baselines\n";
  std::map<std::string, std::size_t> count;
  for (const auto& v : versions) ++count[v.name];
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const auto& v = versions[i];
    const bool latest_of_name = i + 1 == versions.size() || versions[i + 1].name != v.name;
    if (per_name && !latest_of_name) continue;
    std::vector<std::string> row = {v.label(), saved_date(v), v.tagger.name, v.short_source_commit(),
                                    first_line(v.reason, kReasonWidth)};
    if (per_name) row.insert(row.begin() + 1, std::to_string(count[v.name]));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header = {"VERSION", "SAVED", "BY", "SOURCE", "REASON"};
  if (per_name) header = {"LATEST", "VERSIONS", "SAVED", "BY", "SOURCE", "REASON"};
  return render_text_table(header, rows, header.size());
}

Json to_json(const BaselineLogEntry& entry) {
  Json j = to_json(entry.version);
  Json changes = Json::array();
  for (const auto& c : entry.changes) {
    changes.push_back({{"scenario", c.scenario}, {"metric", c.metric}, {"unit", to_string(c.unit)}, {"before", c.before},
                       {"after", c.after}, {"ratio", c.ratio}, {"verdict", c.verdict}});
  }
  j["changes"] = std::move(changes);
  return j;
}

std::string render_baseline_log(const std::vector<BaselineLogEntry>& entries) {
  std::ostringstream out;
  for (const auto& [v, changes] : entries) {
    out << v.label() << (v.deleted ? "  (tag deleted)" : "") << "  saved "
        << format_git_time(v.tagger.time, v.tagger.offset_minutes) << " by " << v.tagger.name << " <"
        << v.tagger.email << ">\n";
    out << "  source   " << v.short_source_commit() << (v.source_branch.empty() ? "" : " (" + v.source_branch + ")")
        << ", perfgate " << v.tool_version << "\n";
    out << "  reason   " << v.reason << "\n";
    if (v.previous.empty()) {
      out << "  changes  (first version)\n\n";
      continue;
    }
    std::vector<MetricChange> biggest = changes;
    std::sort(biggest.begin(), biggest.end(),
              [](const auto& a, const auto& b) { return std::abs(std::log(a.ratio)) > std::abs(std::log(b.ratio)); });
    out << "  changes  ";
    if (biggest.empty()) out << "(nothing comparable with the previous version)";
    for (std::size_t i = 0; i < std::min(biggest.size(), kChangesShown); ++i) {
      const auto& c = biggest[i];
      out << (i ? ", " : "") << c.scenario << "/" << c.metric << " " << signed_percent(c.ratio) << " (" << c.verdict
          << ")";
    }
    if (biggest.size() > kChangesShown) out << ", +" << biggest.size() - kChangesShown << " more";
    out << "\n\n";
  }
  return out.str();
}

}  // namespace perfgate
