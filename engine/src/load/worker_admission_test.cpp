#include <doctest/doctest.h>

#include <thread>

#include "load/worker_admission.h"

using namespace perfgate;

TEST_CASE("worker admission: in order, only the standby, capped, and closed for everyone") {
  WorkerAdmission a(2, 3);
  CHECK(a.admitted() == 2);
  CHECK(a.admit(1));        // already admitted
  CHECK_FALSE(a.admit(3));  // not next in line
  CHECK(a.admit(2));        // the standby
  CHECK(a.admitted() == 3);
  CHECK_FALSE(a.admit(3));  // past the cap
  CHECK(WorkerAdmission(8, 4).admitted() == 4);

  CHECK_FALSE(a.all_busy());
  for (int i = 0; i < 3; ++i) a.begin_operation();
  CHECK(a.all_busy());
  a.end_operation();
  CHECK_FALSE(a.all_busy());

  // A worker waiting for its turn returns once the run is closed.
  WorkerAdmission waiting(1, 4);
  std::thread t([&] { waiting.wait_for_change(1); });
  waiting.close();
  t.join();
  CHECK(waiting.closed());
}
