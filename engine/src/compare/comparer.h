#pragma once
// The comparer's entry points for the report it is part of (compare/compare.cpp).

#include <string>
#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

// The two sides' run conditions, shared by every unpaired comparison of a report.
struct RunConditions {
  double probe_log_shift = 0;  // log(candidate probe speed / baseline's); 0 when unknown
  bool probe_known = false;
  unsigned logical_cores = 0;  // of the candidate's machine; 0 when unknown
};
RunConditions run_conditions(const SampleSet& base, const SampleSet& cand);

// Every scenario x metric of the candidate (and the baseline's missing ones), tested,
// with the family's levels, intervals and verdicts; `interval_note` says at what level.
std::vector<Comparison> compare_all(const SampleSet& base, const SampleSet& cand, const CompareOptions& o,
                                    const RunConditions& conditions, std::string& interval_note);

}  // namespace perfgate
