#include "report/profile_html.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/format.h"
#include "report/flame_graph.h"
#include "report/profile_text.h"
#include "report/xml_text.h"

namespace perfgate {
namespace {

constexpr std::size_t kShareRows = 15;

std::string cell(const std::string& text, bool number = false) {
  return std::string(number ? "<td class=\"num\">" : "<td>") + escape_xml(text) + "</td>";
}


std::string diff_table(const ProfileDiff& d) {
  std::ostringstream s;
  s << "<div class=\"scroll\"><table class=\"profile-changes\"><thead><tr>";
  for (const auto& h : kProfileTableHeader) s << "<th>" << escape_xml(h) << "</th>";
  s << "</tr></thead><tbody>";
  for (const FunctionChange* f : functions_shown(d)) {
    const std::string finding = !f->self_finding.empty() ? f->self_finding : f->total_finding;
    s << "<tr data-function=\"" << escape_xml(f->function) << "\" data-finding=\"" << finding << "\""
      << (finding == "slower" ? " class=\"v-regression\"" : finding == "faster" ? " class=\"v-improvement\"" : "")
      << ">";
    const auto cells = profile_table_row(*f);
    for (std::size_t i = 0; i < cells.size(); ++i) s << cell(cells[i], i > 0 && i + 1 < cells.size());
    s << "</tr>";
  }
  s << "</tbody></table></div>";
  return s.str();
}

const char* kDiffLegend =
    "<p class=\"muted legend\">Width: the candidate's samples. Colour: change of CPU time per operation against "
    "the baseline, frame by frame:<span style=\"background:rgb(250,60,60)\"></span>×2 or more"
    "<span style=\"background:rgb(250,148,148)\"></span>×1.4<span style=\"background:rgb(235,235,250)\"></span>"
    "about the same<span style=\"background:rgb(60,60,250)\"></span>÷2 or less"
    "<span style=\"background:rgb(221,221,221)\"></span>too few samples. Hover a frame for its figures.</p>";

}  // namespace

std::string profile_diff_sections(const VerdictReport& r) {
  std::ostringstream s;
  for (const ProfileDiff* d : regressed_profiles(r)) {
    s << "<section class=\"profile-diff\" data-scenario=\"" << escape_xml(d->scenario) << "\"><h2>Where it changed: "
      << escape_xml(d->scenario) << "</h2>" << diff_table(*d) << "<p class=\"muted\">"
      << escape_xml(profile_method_note(*d)) << "</p>" << kDiffLegend << "<div class=\"scroll\">"
      << differential_flame_graph_svg(*d) << "</div></section>\n";
  }
  return s.str();
}

std::string profile_sections(const std::optional<Result>& candidate) {
  if (!candidate) return "";
  std::ostringstream s;
  for (const auto& scenario : candidate->scenarios) {
    if (!scenario.profile) continue;
    const Profile& p = *scenario.profile;
    s << "<section class=\"profile\" data-scenario=\"" << escape_xml(scenario.name) << "\"><h2>Where the time goes: "
      << escape_xml(scenario.name) << "</h2>";
    if (!p.available()) {
      s << "<p class=\"warning\">No profile: " << escape_xml(p.unavailable) << "</p></section>\n";
      continue;
    }
    if (p.phase_locked()) s << "<p class=\"warning\">" << escape_xml(p.phase_locked_note()) << "</p>";
    const double all = double(std::max<std::uint64_t>(p.samples, 1));
    s << "<p class=\"muted\">" << p.samples << " samples at " << format_fixed(p.rate_hz, 0) << " Hz over "
      << format_fixed(p.duration_s, 1) << " s (" << p.operations << " operations; profiled throughput "
      << (std::isfinite(p.throughput_ratio) ? "×" + format_fixed(p.throughput_ratio, 3) : std::string("-"))
      << " of the measured trials').</p><div class=\"scroll\"><table class=\"profile-shares\"><thead><tr>"
         "<th>function</th><th>self</th><th>with callees</th></tr></thead><tbody>";
    const auto shares = function_shares(p);
    for (std::size_t i = 0; i < shares.size() && i < kShareRows; ++i) {
      s << "<tr data-function=\"" << escape_xml(shares[i].function) << "\">" << cell(shares[i].function)
        << cell(format_share(double(shares[i].self) / all), true) << cell(format_share(double(shares[i].total) / all), true)
        << "</tr>";
    }
    s << "</tbody></table></div><div class=\"scroll\">" << flame_graph_svg(p) << "</div></section>\n";
  }
  return s.str();
}

}  // namespace perfgate
