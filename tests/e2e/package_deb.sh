#!/usr/bin/env bash
# The Debian package (README, "Packaging"): cpack builds a .deb of what cmake --install
# installs; it holds the four tools and the hook, depends on the shared libraries the
# tools link (found by dpkg-shlibdeps), and its perf-run works once unpacked.
source "$(dirname "$0")/lib.sh"

run cpack --config "$CPACK_CONFIG" -B "$WORK/pkg"
expect_rc 0 "cpack builds the package"
deb=$(ls "$WORK"/pkg/perfgate_*.deb 2>/dev/null | head -1)
expect_eq "$([ -n "$deb" ] && echo found || echo missing)" "found" "a perfgate_VERSION_ARCH.deb"
if [ -n "$deb" ]; then
  run dpkg-deb --contents "$deb"
  expect_in "$WORK/out" "./usr/bin/perf-run" "perf-run in /usr/bin"
  expect_in "$WORK/out" "./usr/bin/perf-report" "perf-report in /usr/bin"
  expect_in "$WORK/out" "./usr/share/perfgate/pre-push" "the pre-push hook"
  expect_in "$WORK/out" "./usr/include/perfgate/compare.h" "the engine's headers"
  run dpkg-deb --field "$deb" Depends
  expect_in "$WORK/out" "libgit2" "depends on libgit2"
  expect_in "$WORK/out" "libcpp-httplib" "and cpp-httplib"
  dpkg-deb -x "$deb" "$WORK/root"
  run "$WORK/root/usr/bin/perf-run" --version
  expect_rc 0 "the packaged perf-run runs"
fi
finish
