#pragma once
// Flame graphs as inline SVG for the HTML report: a differential one per regressed
// scenario (width = candidate samples, colour = change of CPU time per operation), and
// a plain one of a single run's profile.

#include <string>

#include "perfgate/profile.h"

namespace perfgate {

std::string differential_flame_graph_svg(const ProfileDiff& diff, double width = 1060);
std::string flame_graph_svg(const Profile& profile, double width = 1060);

}  // namespace perfgate
