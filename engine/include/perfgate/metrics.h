#pragma once
// The catalogue of per-trial metrics: name, unit and direction. Results carry this
// catalogue so that a reader never has to guess whether bigger is better.

#include <span>
#include <string_view>

namespace perfgate {

enum class Direction { kHigherIsBetter, kLowerIsBetter };

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  Direction direction;
  std::string_view description;
};

std::span<const MetricInfo> metric_catalogue();
const MetricInfo* find_metric(std::string_view name);  // nullptr when unknown
// The open-model shape whose analysis produces the metric ("spike", "step", "soak"), or
// "" for a metric that any scenario may have.
std::string_view metric_shape(std::string_view name);
std::string_view to_string(Direction direction);

}  // namespace perfgate
