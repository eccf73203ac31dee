#pragma once
// The metadata file stored beside the result in every baseline commit (baseline.json),
// and the file names of that commit's tree.

#include <string>

#include "perfgate/baseline.h"

namespace perfgate {

inline constexpr const char* kStoredResultFile = "result.json";
inline constexpr const char* kStoredMetadataFile = "baseline.json";

std::string metadata_text(const BaselineVersion& version);
// Fills every field but tag/commit/previous/deleted from the stored file; `where`
// names it in errors.
BaselineVersion version_from_metadata(const std::string& text, const std::string& where);
std::string format_git_time(std::int64_t time, int offset_minutes);  // 2026-11-23T18:04:10+00:00

}  // namespace perfgate
