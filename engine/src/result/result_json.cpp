// Result ⇄ JSON. The format is documented in docs/result-schema.md; the JSON Schema in
// docs/schemas/perfgate.result-1.schema.json is checked against real output in tests.

#include <cmath>
#include <limits>
#include <set>
#include "perfgate/file_io.h"
#include "common/json_cursor.h"
#include "profile/profile_json.h"
#include "perfgate/error.h"
#include "perfgate/metrics.h"
#include "perfgate/result.h"
#include "result/analysis_json.h"
#include "result/provenance_json.h"
#include "suite/suite_reader.h"

namespace perfgate {
namespace {

Json metric_catalogue_json() {
  Json j = Json::object();
  for (const auto& m : metric_catalogue()) {
    j[std::string(m.name)] = {{"unit", to_string(m.unit)},
                              {"direction", to_string(m.direction)},
                              {"description", m.description}};
  }
  return j;
}

Json to_json(const TrialResult& t) {
  Json j = {{"duration_s", t.duration_s},
            {"operations", t.operations},
            {"errors", t.errors_by_reason},
            {"metrics", t.metrics}};
  if (t.rate_not_reached) j["rate_not_reached"] = true;
  if (t.unavailable_s > 0) j["unavailable_s"] = t.unavailable_s;
  if (!t.timeline.empty()) {
    Json points = Json::array();
    for (const auto& p : t.timeline) {
      Json point = {{"t", p.t_s}, {"operations", p.operations}, {"errors", p.errors}, {"throughput", p.throughput},
                    {"latency_p50", number_or_null(p.latency_p50)}, {"latency_p99", number_or_null(p.latency_p99)},
                    {"rss_bytes", number_or_null(p.rss_bytes)}};
      if (p.interval_s) {
        point["partial"] = true;
        point["interval_s"] = *p.interval_s;
      }
      points.push_back(std::move(point));
    }
    j["timeline"] = std::move(points);
  }
  if (!t.stages.empty()) j["stages"] = to_json(t.stages);
  if (!t.analysis.empty()) j["analysis"] = to_json(t.analysis);
  return j;
}

TimelinePoint timeline_point_from_json(const JsonCursor& c) {
  c.expect_object({"t", "operations", "errors", "throughput", "latency_p50", "latency_p99", "rss_bytes", "partial",
                   "interval_s"});
  TimelinePoint p{c.at("t").as_number(), c.at("operations").as_uint(0, UINT64_MAX), c.at("errors").as_uint(0, UINT64_MAX),
                  c.at("throughput").as_number(), number_or_nan(c.at("latency_p50")), number_or_nan(c.at("latency_p99")),
                  number_or_nan(c.at("rss_bytes")), std::nullopt};
  if (auto partial = c.find("partial")) {
    if (!partial->as_bool()) partial->fail_expected("true (or no 'partial' field)");
    p.interval_s = c.at("interval_s").as_number_in(0, 1e12);
  } else if (auto interval = c.find("interval_s")) {
    interval->fail("only a partial interval has 'interval_s'");
  }
  return p;
}

TrialResult trial_from_json(const JsonCursor& c) {
  c.expect_object({"duration_s", "operations", "errors", "metrics", "rate_not_reached", "unavailable_s", "timeline",
                   "stages", "analysis"});
  TrialResult t;
  t.duration_s = c.at("duration_s").as_number_in(0, 1e12);
  t.operations = c.at("operations").as_uint(0, UINT64_MAX);
  for (const auto& [reason, n] : c.at("errors").members()) t.errors_by_reason[reason] = n.as_uint(0, UINT64_MAX);
  for (const auto& [name, value] : c.at("metrics").members()) {
    if (find_metric(name) == nullptr && !is_counter_metric(name)) value.fail("unknown metric");
    t.metrics[name] = value.as_number();
  }
  if (auto flag = c.find("rate_not_reached")) t.rate_not_reached = flag->as_bool();
  if (auto unavailable = c.find("unavailable_s")) t.unavailable_s = unavailable->as_number_in(0, 1e12);
  if (auto timeline = c.find("timeline")) {
    for (const auto& p : timeline->elements()) t.timeline.push_back(timeline_point_from_json(p));
  }
  if (auto stages = c.find("stages")) t.stages = stages_from_json(*stages);
  if (auto analysis = c.find("analysis")) t.analysis = analysis_from_json(*analysis);
  return t;
}

LatencyHistogram histogram_from_json(const JsonCursor& h, HistogramLoading histograms) {
  if (histograms == HistogramLoading::kSkip) {
    if (!h.value().is_object()) h.fail_expected("a histogram object");
    return {};
  }
  return LatencyHistogram::from_json(h.value(), h.source(), h.path());
}

std::vector<TrialResult> trials_from_json(const JsonCursor& c) {
  std::vector<TrialResult> trials;
  for (const auto& t : c.elements()) trials.push_back(trial_from_json(t));
  return trials;
}

std::optional<Profile> profile_from(const JsonCursor& parent) {
  const auto p = parent.find("profile");
  if (!p) return std::nullopt;
  return profile_from_json(*p);
}

PairedBaseline paired_baseline_from_json(const JsonCursor& c, std::size_t candidate_trials, HistogramLoading histograms) {
  c.expect_object({"trials", "latency_histogram", "baseline_first", "profile"});
  PairedBaseline b{trials_from_json(c.at("trials")), histogram_from_json(c.at("latency_histogram"), histograms), {}, {}};
  b.profile = profile_from(c);
  for (const auto& f : c.at("baseline_first").elements()) b.baseline_first.push_back(f.as_bool());
  if (b.trials.size() != candidate_trials || b.baseline_first.size() != candidate_trials) {
    c.fail("a paired baseline needs as many trials and baseline_first entries as the candidate has trials (" +
           std::to_string(candidate_trials) + ")");
  }
  return b;
}

ScenarioResult scenario_result_from_json(const JsonCursor& c, HistogramLoading histograms) {
  c.expect_object({"name", "trials", "latency_histogram", "baseline", "profile"});
  ScenarioResult s;
  s.name = c.at("name").as_string();
  s.trials = trials_from_json(c.at("trials"));
  s.latency = histogram_from_json(c.at("latency_histogram"), histograms);
  if (auto b = c.find("baseline")) s.baseline = paired_baseline_from_json(*b, s.trials.size(), histograms);
  s.profile = profile_from(c);
  return s;
}

}  // namespace

Json to_json(const Result& r) {
  Json scenarios = Json::array();
  for (const auto& s : r.scenarios) {
    Json trials = Json::array();
    for (const auto& t : s.trials) trials.push_back(to_json(t));
    Json j = {{"name", s.name}, {"trials", std::move(trials)}, {"latency_histogram", s.latency.to_json()}};
    if (s.baseline) {
      Json base_trials = Json::array();
      for (const auto& t : s.baseline->trials) base_trials.push_back(to_json(t));
      j["baseline"] = {{"trials", std::move(base_trials)},
                       {"latency_histogram", s.baseline->latency.to_json()},
                       {"baseline_first", s.baseline->baseline_first}};
      if (s.baseline->profile) j["baseline"]["profile"] = to_json(*s.baseline->profile);
    }
    if (s.profile) j["profile"] = to_json(*s.profile);
    scenarios.push_back(std::move(j));
  }
  Json doc = {{"schema", kResultSchema},
              {"started_at", r.started_at},
              {"duration_s", r.duration_s},
              {"interrupted", r.interrupted}};
  if (r.shard) {
    doc["shard"] = {{"index", r.shard->index}, {"count", r.shard->count}, {"suite_scenarios", r.shard->suite_scenarios}};
  }
  doc["fingerprint"] = to_json(r.fingerprint);
  doc["suite"] = to_json(r.suite);
  doc["metrics"] = metric_catalogue_json();
  doc["scenarios"] = std::move(scenarios);
  if (!r.sweeps.empty()) doc["sweeps"] = to_json(r.sweeps);
  if (r.pairing) doc["pairing"] = to_json(*r.pairing);
  if (r.probe) doc["machine_probe"] = to_json(*r.probe);
  return doc;
}

Result result_from_text(const std::string& text, const std::string& source_name) {
  return result_from_json(parse_json_text(text, source_name), source_name);
}

Result result_from_json(const Json& doc, const std::string& source_name, HistogramLoading histograms) {
  const JsonCursor root(doc, source_name);
  if (!doc.is_object()) root.fail_expected("a perfgate result object");
  const JsonCursor schema = root.at("schema");
  if (schema.as_string() != kResultSchema) {
    schema.fail("unsupported result schema \"" + schema.as_string() + "\" (this perfgate reads " +
                std::string(kResultSchema) + ")");
  }
  root.expect_object({"schema", "started_at", "duration_s", "interrupted", "shard", "fingerprint", "suite",
                      "metrics", "scenarios", "sweeps", "pairing", "machine_probe"});
  Result r;
  r.started_at = root.at("started_at").as_string();
  r.duration_s = root.at("duration_s").as_number_in(0, 1e12);
  r.interrupted = root.at("interrupted").as_bool();
  if (const auto shard = root.find("shard")) {
    shard->expect_object({"index", "count", "suite_scenarios"});
    r.shard = ShardInfo{static_cast<unsigned>(shard->at("index").as_uint(1, 9999)),
                        static_cast<unsigned>(shard->at("count").as_uint(1, 9999)),
                        shard->at("suite_scenarios").as_string_array()};
    if (r.shard->index > r.shard->count) shard->at("index").fail("shard index above the shard count");
  }
  const JsonCursor fingerprint = root.at("fingerprint");
  r.fingerprint = fingerprint_from_json(fingerprint.value(), fingerprint.source(), fingerprint.path());
  r.suite = suite_from_json(root.at("suite"), source_name);
  root.at("metrics").members();  // informational: the catalogue of this perfgate applies
  std::set<std::string> names;
  for (const auto& s : root.at("scenarios").elements()) {
    r.scenarios.push_back(scenario_result_from_json(s, histograms));
    // Everything downstream (comparison, merge, history) keys scenarios by name.
    if (!names.insert(r.scenarios.back().name).second) s.at("name").fail("a second scenario of this name");
  }
  if (auto sweeps = root.find("sweeps")) sweeps->elements();  // derived: recomputed below
  r.sweeps = analyse_sweeps(r);
  if (auto pairing = root.find("pairing")) r.pairing = pairing_from_json(*pairing);
  if (auto probe = root.find("machine_probe")) r.probe = probe_from_json(*probe);
  return r;
}

Result read_result(const std::string& path) {
  return result_from_text(read_file(path), input_name(path));
}

void write_result(const Result& result, const std::string& path) {
  write_file_atomically(path, to_json(result).dump(2) + "\n");
}

}  // namespace perfgate
