#pragma once
// Minimal SVG writing for the HTML report's inline charts: numbers with fixed precision
// and escaped text, so chart code reads as geometry.

#include <sstream>
#include <string>

#include "report/xml_text.h"

namespace perfgate::svg {

std::string num(double v);  // "12.5": one decimal, no exponent

inline std::string attr(const char* name, double v) { return std::string(" ") + name + "=\"" + num(v) + "\""; }

inline std::string line(double x1, double y1, double x2, double y2, const std::string& cls) {
  return "<line" + attr("x1", x1) + attr("y1", y1) + attr("x2", x2) + attr("y2", y2) + " class=\"" + cls + "\"/>";
}
inline std::string rect(double x, double y, double w, double h, const std::string& cls) {
  return "<rect" + attr("x", x) + attr("y", y) + attr("width", w) + attr("height", h) + " class=\"" + cls + "\"/>";
}
inline std::string circle(double cx, double cy, double r, const std::string& cls) {
  return "<circle" + attr("cx", cx) + attr("cy", cy) + attr("r", r) + " class=\"" + cls + "\"/>";
}
// anchor: start, middle, end
inline std::string text(double x, double y, const std::string& content, const std::string& cls,
                        const char* anchor = "start") {
  return "<text" + attr("x", x) + attr("y", y) + " class=\"" + cls + "\" text-anchor=\"" + anchor + "\">" +
         escape_xml(content) + "</text>";
}
inline std::string title(const std::string& content) { return "<title>" + escape_xml(content) + "</title>"; }

}  // namespace perfgate::svg
