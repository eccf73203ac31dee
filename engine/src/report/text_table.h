#pragma once
// A fixed-width text table: the first `left_columns` columns left-aligned (names),
// the rest right-aligned so that digits line up. Widths count bytes, so cells are ASCII.

#include <string>
#include <vector>

namespace perfgate {

std::string render_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows, std::size_t left_columns = 1);

}  // namespace perfgate
