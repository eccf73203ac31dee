#include "report/flame_graph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "common/format.h"
#include "profile/folded_stacks.h"
#include "report/svg.h"

namespace perfgate {
namespace {

constexpr double kFrameHeight = 17;
constexpr double kMinWidth = 0.3;     // narrower frames are not drawn
constexpr double kCharWidth = 6.6;    // of the 11px label font, for truncation
constexpr std::size_t kMaxDepth = 128;
constexpr std::uint64_t kFewSamples = 10;  // too few to colour by change

struct Node {
  std::string name;
  std::uint64_t candidate = 0, baseline = 0;
  std::map<std::string, std::size_t> children;  // name -> index, sorted for a stable layout
};

class FrameTree {
 public:
  FrameTree() : nodes_{Node{"all", 0, 0, {}}} {}

  void add(const std::string& folded, std::uint64_t samples, bool candidate) {
    std::size_t at = 0;
    count(at, samples, candidate);
    const auto frames = split_frames(folded);
    for (std::size_t depth = 0; depth < frames.size() && depth < kMaxDepth; ++depth) {
      at = child(at, frames[depth]);
      count(at, samples, candidate);
    }
  }
  void add_all(const std::vector<FoldedStack>& stacks, std::uint64_t other, bool candidate) {
    for (const auto& s : stacks) add(s.frames, s.samples, candidate);
    if (other) add("[other stacks]", other, candidate);
  }
  const Node& node(std::size_t i) const { return nodes_[i]; }
  std::size_t depth(std::size_t i = 0) const {
    std::size_t d = 0;
    for (const auto& [_, c] : nodes_[i].children) d = std::max(d, depth(c));
    return d + 1;
  }

 private:
  std::size_t child(std::size_t parent, const std::string& name) {
    if (const auto it = nodes_[parent].children.find(name); it != nodes_[parent].children.end()) return it->second;
    nodes_.push_back(Node{name, 0, 0, {}});
    nodes_[parent].children.emplace(name, nodes_.size() - 1);
    return nodes_.size() - 1;
  }
  void count(std::size_t i, std::uint64_t samples, bool candidate) {
    (candidate ? nodes_[i].candidate : nodes_[i].baseline) += samples;
  }

  std::vector<Node> nodes_;
};

std::string rgb(int r, int g, int b) {
  char out[24];
  std::snprintf(out, sizeof out, "rgb(%d,%d,%d)", r, g, b);
  return out;
}

// How a frame is coloured and described.
struct FrameStyle {
  std::string fill;
  std::string note;
};

class FlameGraph {
 public:
  FlameGraph(const FrameTree& tree, double width, std::function<FrameStyle(const Node&)> style)
      : tree_(tree), width_(width), style_(std::move(style)), height_(double(tree.depth()) * kFrameHeight) {}

  std::string svg() {
    out_ = "<svg class=\"flame\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + svg::num(width_) + " " +
           svg::num(height_) + "\" width=\"" + svg::num(width_) + "\" height=\"" + svg::num(height_) + "\">";
    const double total = double(tree_.node(0).candidate);
    if (total > 0) draw(0, 0, 0, width_ / total);
    return out_ + "</svg>";
  }

 private:
  void draw(std::size_t i, double x, std::size_t depth, double per_sample) {
    const Node& n = tree_.node(i);
    const double w = double(n.candidate) * per_sample;
    if (w < kMinWidth) return;
    const double y = height_ - double(depth + 1) * kFrameHeight;
    const FrameStyle style = style_(n);
    out_ += "<g class=\"frame\" data-function=\"" + escape_xml(n.name) + "\">" +
            svg::title(n.name + "\n" + style.note) + "<rect" + svg::attr("x", x) + svg::attr("y", y) +
            svg::attr("width", w) + svg::attr("height", kFrameHeight - 1) + " rx=\"2\" fill=\"" + style.fill + "\"/>";
    const auto fits = std::size_t(std::max(0.0, (w - 6) / kCharWidth));
    if (fits >= 3) {
      const std::string label = n.name.size() <= fits ? n.name : n.name.substr(0, fits - 2) + "..";
      out_ += svg::text(x + 3, y + kFrameHeight - 5, label, "flame-label");
    }
    out_ += "</g>";
    double child_x = x;
    for (const auto& [_, c] : n.children) {
      draw(c, child_x, depth + 1, per_sample);
      child_x += double(tree_.node(c).candidate) * per_sample;
    }
  }

  const FrameTree& tree_;
  double width_;
  std::function<FrameStyle(const Node&)> style_;
  double height_;
  std::string out_;
};


}  // namespace

std::string differential_flame_graph_svg(const ProfileDiff& diff, double width) {
  FrameTree tree;
  tree.add_all(diff.candidate_stacks, diff.candidate_other, true);
  tree.add_all(diff.baseline_stacks, diff.baseline_other, false);
  const double per_op_c = diff.candidate_seconds_per_sample / double(std::max<std::uint64_t>(diff.candidate_operations, 1));
  const double per_op_b = diff.baseline_seconds_per_sample / double(std::max<std::uint64_t>(diff.baseline_operations, 1));
  const double all_c = double(std::max<std::uint64_t>(tree.node(0).candidate, 1));
  return FlameGraph(tree, width, [&](const Node& n) {
           const double ratio = n.baseline ? (double(n.candidate) * per_op_c) / (double(n.baseline) * per_op_b) : INFINITY;
           std::string note = "candidate " + std::to_string(n.candidate) + " samples (" +
                              format_share(double(n.candidate) / all_c) + "), baseline " + std::to_string(n.baseline);
           note += std::isfinite(ratio) ? "; CPU time per operation x" + format_fixed(ratio, 2) : "; new in the candidate";
           if (n.candidate + n.baseline < kFewSamples) return FrameStyle{rgb(221, 221, 221), note};
           // log2 of the ratio, clamped to [-1, 1]: x2 or more is full red, /2 full blue.
           const double t = std::clamp(std::isfinite(ratio) ? std::log2(std::max(ratio, 1e-9)) : 1.0, -1.0, 1.0);
           const int fade = int(std::lround(235 - 175 * std::abs(t)));
           return FrameStyle{t >= 0 ? rgb(250, fade, fade) : rgb(fade, fade, 250), note};
         })
      .svg();
}

std::string flame_graph_svg(const Profile& profile, double width) {
  FrameTree tree;
  tree.add_all(profile.stacks, profile.other_samples, true);
  const double all = double(std::max<std::uint64_t>(tree.node(0).candidate, 1));
  return FlameGraph(tree, width, [&](const Node& n) {
           const double share = double(n.candidate) / all;
           // Warm colours by share, as flame graphs usually are.
           const int green = int(std::lround(200 - 140 * share));
           return FrameStyle{rgb(240, green, 80), std::to_string(n.candidate) + " samples (" + format_share(share) + ")"};
         })
      .svg();
}

}  // namespace perfgate
