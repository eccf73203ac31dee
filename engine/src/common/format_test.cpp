#include "common/format.h"

#include <doctest/doctest.h>

using namespace perfgate;

TEST_CASE("human formats choose a unit and three significant digits") {
  CHECK(format_latency_ns(850) == "850ns");
  CHECK(format_latency_ns(12345) == "12.3us");
  CHECK(format_latency_ns(4560000) == "4.56ms");
  CHECK(format_latency_ns(1.2e9) == "1.20s");
  CHECK(format_bytes(512) == "512B");
  CHECK(format_bytes(1536) == "1.50KiB");
  CHECK(format_bytes(200.0 * 1048576) == "200MiB");
  CHECK(format_count(950) == "950");
  CHECK(format_count(12300) == "12.3k");
  CHECK(format_seconds(Seconds(0.25)) == "250ms");
  CHECK(format_seconds(Seconds(2)) == "2s");
  CHECK(format_seconds(Seconds(1.5)) == "1.5s");
  CHECK(format_seconds(Seconds(200)) == "3m20s");
  CHECK(format_seconds(Seconds(7200)) == "2h");
}
