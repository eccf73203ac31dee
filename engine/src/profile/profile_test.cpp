#include <doctest/doctest.h>

#include <dlfcn.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include "perfgate/error.h"
#include "perfgate/profile.h"
#include "profile/folded_stacks.h"
#include "profile/process_maps.h"
#include "profile/stack_sampler.h"
#include "profile/symbolizer.h"
#include "report/flame_graph.h"

using namespace perfgate;

namespace {

// A profile of `operations` operations in which each function (a leaf under main) used
// `seconds_per_op` of CPU time per operation, sampled at 1 kHz with Poisson counts.
Profile synthetic(const std::map<std::string, double>& seconds_per_op, std::uint64_t operations, std::mt19937_64& rng) {
  Profile p;
  p.scope = "children";
  p.rate_hz = 1000;
  p.operations = operations;
  std::vector<FoldedStack> stacks;
  for (const auto& [name, seconds] : seconds_per_op) {
    std::poisson_distribution<std::uint64_t> count(seconds * double(operations) * p.rate_hz);
    const auto n = count(rng);
    if (n) stacks.push_back({"main;" + name, n});
    p.samples += n;
  }
  keep_top_stacks(std::move(stacks), p, kMaxProfileStacks);
  return p;
}

const FunctionChange& change_of(const ProfileDiff& d, const std::string& name) {
  for (const auto& f : d.functions) {
    if (f.function == name) return f;
  }
  FAIL("no function " << name);
  throw;
}

std::chrono::nanoseconds thread_cpu_time() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

// Burns CPU in a function the symbolizer must name: `length` of this thread's CPU time,
// not of wall time, since the sampler counts CPU time and on a busy machine 300 ms of
// wall time gave as few as 83 samples. Reading the thread's CPU clock is a system call,
// so it is read rarely: with one read per 1 000 steps (which clang folds into far fewer
// multiplications), the clock, not this function, was where the samples landed.
[[gnu::noinline]] std::uint64_t perfgate_test_spin(std::chrono::milliseconds length) {
  const auto until = thread_cpu_time() + length;
  std::uint64_t x = 1;
  while (thread_cpu_time() < until) {
    for (int i = 0; i < 200'000; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  }
  return x;
}

}  // namespace

TEST_CASE("function names: demangled, without parameters, return type or clone suffix") {
  CHECK(demangle("_ZN8perfgate5aliceEv") == "perfgate::alice");
  CHECK(demangle("checksum") == "checksum");
  CHECK(short_function_name("void std::__introsort_loop<int*, long>(int*, int*, long) [clone .isra.0]") ==
        "std::__introsort_loop<int*, long>");
  CHECK(short_function_name("perfgate::(anonymous namespace)::Sort::run(perfgate::Tally&)") ==
        "perfgate::(anonymous namespace)::Sort::run");
  CHECK(short_function_name("Foo::operator()(int) const") == "Foo::operator()");
  CHECK(short_function_name("operator new(unsigned long)") == "operator new");
}

TEST_CASE("process maps: /proc lines, overlapping mappings, forked children") {
  Mapping m;
  REQUIRE(ProcessMaps::parse_line("55d0c0a00000-55d0c0a21000 r-xp 00002000 fd:01 123 /usr/bin/prog", m));
  CHECK(m.start == 0x55d0c0a00000);
  CHECK(m.file_offset == 0x2000);
  CHECK(m.path == "/usr/bin/prog");
  CHECK_FALSE(ProcessMaps::parse_line("55d0c0a00000-55d0c0a21000 rw-p 00000000 00:00 0 [heap]", m));
  CHECK_FALSE(ProcessMaps::parse_line("garbage", m));

  ProcessMaps maps;
  maps.add(10, {0x1000, 0x5000, 0, "/a"});
  maps.add(10, {0x2000, 0x3000, 0, "/b"});  // splits /a in two
  REQUIRE(maps.find(10, 0x1800));
  CHECK(maps.find(10, 0x1800)->path == "/a");
  CHECK(maps.find(10, 0x2800)->path == "/b");
  CHECK(maps.find(10, 0x4000)->path == "/a");
  CHECK(maps.find(10, 0x4000)->file_offset == 0x2000);  // the tail keeps its place in the file
  CHECK(maps.find(10, 0x6000) == nullptr);
  maps.fork(10, 11);
  CHECK(maps.find(11, 0x2800)->path == "/b");  // a child shares its parent's mappings
  maps.add(11, {0x9000, 0xa000, 0, "/exec"});
  CHECK(maps.find(11, 0x2800) == nullptr);  // until it has its own
}

TEST_CASE("profile diff: a function 30 % slower per operation is the one finding") {
  std::mt19937_64 rng(7);
  const auto base = synthetic({{"parse", 0.001}, {"checksum", 0.001}, {"log", 0.0001}}, 3000, rng);
  const auto cand = synthetic({{"parse", 0.001}, {"checksum", 0.0013}, {"log", 0.0001}}, 3000, rng);
  const ProfileDiff d = diff_profiles(base, cand);
  REQUIRE(!d.functions.empty());
  CHECK(d.functions.front().function == "checksum");  // largest change of time per operation
  const auto& checksum = change_of(d, "checksum");
  CHECK(checksum.self_finding == "slower");
  CHECK(checksum.self_ratio == doctest::Approx(1.3).epsilon(0.05));
  CHECK(checksum.self_low > 1.0);
  CHECK(change_of(d, "parse").self_finding == "");  // its share fell, its time per op did not
  CHECK(change_of(d, "main").total_finding == "");  // 100 % of both sides
  CHECK(d.findings() == 1);
}

TEST_CASE("profile diff: a slower machine or plain noise is no finding") {
  std::mt19937_64 rng(11);
  int findings = 0;
  for (int i = 0; i < 400; ++i) {
    const auto base = synthetic({{"a", 0.001}, {"b", 0.0005}, {"c", 0.0002}}, 2000, rng);
    // Everything 10 % slower: the machine, not a function.
    const auto cand = synthetic({{"a", 0.0011}, {"b", 0.00055}, {"c", 0.00022}}, 2000, rng);
    findings += int(diff_profiles(base, cand).findings());
  }
  // Family-wise alpha 0.01: at most 4 expected in 400 repetitions (1000 gave 4).
  CHECK(findings <= 8);
}

TEST_CASE("profile diff needs both profiles") {
  Profile missing;
  missing.unavailable = "sampling not permitted";
  CHECK_THROWS_AS(diff_profiles(missing, Profile{}), Error);
}

TEST_CASE("profile and profile diff JSON round-trip; bad fields are named") {
  std::mt19937_64 rng(3);
  auto p = synthetic({{"f", 0.001}, {"g", 0.002}}, 1000, rng);
  p.duration_s = 1;
  p.throughput_ratio = 0.99;
  const Profile back = profile_from_json(to_json(p), "r.json");
  CHECK(back.samples == p.samples);
  CHECK(back.stacks.size() == p.stacks.size());
  CHECK(back.stacks.front().frames == p.stacks.front().frames);
  Json bad = to_json(p);
  bad["samples"] = p.samples + 1;
  CHECK_THROWS_WITH_AS(profile_from_json(bad, "r.json"), doctest::Contains("r.json: /samples"), Error);
  bad = to_json(p);
  bad["stacks"][0]["frames"] = 3;
  CHECK_THROWS_WITH_AS(profile_from_json(bad, "r.json"), doctest::Contains("/stacks/0/frames"), Error);

  const ProfileDiff d = diff_profiles(p, synthetic({{"f", 0.001}, {"g", 0.003}}, 1000, rng));
  const ProfileDiff d2 = profile_diff_from_json(to_json(d), "v.json");
  CHECK(d2.functions.size() == d.functions.size());
  CHECK(d2.functions.front().function == d.functions.front().function);
  CHECK(d2.functions.front().self_finding == d.functions.front().self_finding);
  CHECK(d2.candidate_stacks.size() == d.candidate_stacks.size());
}

TEST_CASE("top stacks are kept and the rest summarised") {
  Profile p;
  std::vector<FoldedStack> stacks;
  for (std::uint64_t i = 1; i <= 10; ++i) stacks.push_back({"s" + std::to_string(i), i});
  keep_top_stacks(stacks, p, 3);
  REQUIRE(p.stacks.size() == 3);
  CHECK(p.stacks[0].frames == "s10");
  CHECK(p.other_stacks == 7);
  CHECK(p.other_samples == 1 + 2 + 3 + 4 + 5 + 6 + 7);
}

TEST_CASE("flame graphs: a frame per function, the slower one red") {
  std::mt19937_64 rng(5);
  const auto base = synthetic({{"parse", 0.001}, {"checksum", 0.001}}, 3000, rng);
  const auto cand = synthetic({{"parse", 0.001}, {"checksum", 0.002}}, 3000, rng);
  const std::string svg = differential_flame_graph_svg(diff_profiles(base, cand));
  CHECK(svg.find("data-function=\"checksum\"") != std::string::npos);
  CHECK(svg.find("data-function=\"parse\"") != std::string::npos);
  const auto checksum = svg.find("data-function=\"checksum\"");
  CHECK(svg.find("fill=\"rgb(250,", checksum) < svg.find("</g>", checksum));  // red: slower
  CHECK(flame_graph_svg(base).find("data-function=\"main\"") != std::string::npos);
}

TEST_CASE("functions in the vDSO have names") {
  void* vdso = dlopen("linux-vdso.so.1", RTLD_LAZY | RTLD_NOLOAD);
  REQUIRE(vdso != nullptr);
  const auto clock = reinterpret_cast<std::uintptr_t>(dlsym(vdso, "__vdso_clock_gettime"));
  dlclose(vdso);
  REQUIRE(clock != 0);
  ProcessMaps maps;
  REQUIRE(maps.read_proc(getpid()));
  Symbolizer symbolizer;
  CHECK(symbolizer.function_at(maps, getpid(), clock + 4, false).find("clock_gettime") != std::string::npos);
  CHECK(symbolizer.function_at(maps, getpid(), clock + 4, true).find("clock_gettime") != std::string::npos);
}

TEST_CASE("sampling this process names the function that burns the CPU") {
  std::optional<StackSampler> sampler;
  try {
    sampler.emplace(SamplingScope::kThisProcess, 0, 999);
  } catch (const Error& e) {
    // Only where the kernel refuses: the message must say why.
    CHECK(std::string(e.what()).find("perf_event_open") != std::string::npos);
    return;
  }
  const auto x = perfgate_test_spin(std::chrono::milliseconds(300));
  const SampledStacks sampled = sampler->stop();
  CHECK(x != 0);
  Profile p;
  p.rate_hz = 999;
  fold_samples(sampled, p);
  CHECK(p.samples >= 100);  // ~300 expected at 999 Hz over 0.3 s of CPU
  const auto shares = function_shares(p);
  REQUIRE(!shares.empty());
  INFO("the function with most samples: " << shares.front().function);
  CHECK(shares.front().function.find("perfgate_test_spin") != std::string::npos);
  // Frame pointers give the callers too.
  bool has_caller = false;
  for (const auto& s : p.stacks) has_caller |= s.frames.find(";") != std::string::npos;
  CHECK(has_caller);
}
