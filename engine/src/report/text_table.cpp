#include "report/text_table.h"

#include <algorithm>
#include <sstream>

namespace perfgate {

std::string render_text_table(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows, std::size_t left_columns) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  std::ostringstream out;
  const auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      out << (c < left_columns ? cells[c] + (c + 1 < cells.size() ? pad : "") : pad + cells[c])
          << (c + 1 < cells.size() ? "  " : "\n");
    }
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out.str();
}

}  // namespace perfgate
