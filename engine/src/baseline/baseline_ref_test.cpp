#include <doctest/doctest.h>

#include "baseline/baseline_metadata.h"
#include "baseline/baseline_tags.h"
#include "perfgate/baseline.h"
#include "perfgate/error.h"

namespace perfgate {

TEST_CASE("baseline references: NAME and NAME@VERSION") {
  CHECK(BaselineRef::parse("main").name == "main");
  CHECK_FALSE(BaselineRef::parse("main").version);
  const BaselineRef release = BaselineRef::parse("release/2.x@12");
  CHECK(release.name == "release/2.x");
  CHECK(release.version == 12u);
  CHECK(release.to_string() == "release/2.x@12");
  for (const char* bad : {"", "main@", "main@0", "main@01", "main@x", "a b", "-main", ".hidden", "main/", "/main",
                          "a//b", "main/7", "42", "x.lock", "a..b", "main@1@2", "ma*in", "räksmörgås"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(BaselineRef::parse(bad), Error);
  }
}

TEST_CASE("baseline tags: PREFIX/NAME/VERSION round trip, foreign tags ignored") {
  CHECK(tag_reference("perfgate/", "release/2.x", 3) == "refs/tags/perfgate/release/2.x/3");
  const auto parsed = parse_tag_reference("perfgate/", "refs/tags/perfgate/release/2.x/3");
  REQUIRE(parsed);
  CHECK(parsed->name == "release/2.x");
  CHECK(parsed->version == 3u);
  CHECK_FALSE(parse_tag_reference("perfgate/", "refs/tags/v1.0"));
  CHECK_FALSE(parse_tag_reference("perfgate/", "refs/tags/perfgate/main"));
  CHECK_FALSE(parse_tag_reference("perfgate/", "refs/tags/perfgate/main/latest"));
  CHECK_FALSE(parse_tag_reference("perf/", "refs/tags/perfgate/main/1"));
  CHECK_NOTHROW(validate_tag_prefix("team/perf/"));
  CHECK_THROWS_AS(validate_tag_prefix("perfgate"), Error);
  CHECK_THROWS_AS(validate_tag_prefix("/"), Error);
}

TEST_CASE("baseline metadata round trip; an unknown schema is refused") {
  BaselineVersion v;
  v.name = "main";
  v.version = 4;
  v.reason = "new allocator\nsecond line";
  v.tagger = {"Ana Ñ", "ana@example.org", 1795457377, -300};
  v.source_commit = std::string(40, 'a');
  v.source_branch = "main";
  v.result_format = "perfgate";
  v.tool_version = "0.1.0";
  v.fingerprint = Json{{"cpu_model", "x"}};
  const BaselineVersion back = version_from_metadata(metadata_text(v), "baseline.json");
  CHECK(back.name == v.name);
  CHECK(back.version == v.version);
  CHECK(back.reason == v.reason);
  CHECK(back.tagger.name == v.tagger.name);
  CHECK(back.tagger.time == v.tagger.time);
  CHECK(back.tagger.offset_minutes == -300);
  CHECK(back.source_commit == v.source_commit);
  CHECK(back.fingerprint == v.fingerprint);
  CHECK(format_git_time(1795457377, -300) == "2026-11-23T13:09:37-05:00");
  CHECK(format_git_time(1795457377, 330) == "2026-11-23T23:39:37+05:30");
  try {
    version_from_metadata(R"({"schema": "perfgate.baseline/2"})", "perfgate/main/1:baseline.json");
    FAIL("accepted an unknown schema");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("perfgate/main/1:baseline.json: unknown baseline schema") != std::string::npos);
  }
}

}  // namespace perfgate
