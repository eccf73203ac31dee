/* A small program under test for the CI-drift calibration: WORK rounds of an integer
   hash per run (WORK is a compile-time constant, as a code change would make it). */
#include <stdio.h>
#ifndef WORK
#define WORK 4000000
#endif
int main(void) {
  unsigned long long h = 1469598103934665603ULL;
  for (long i = 0; i < WORK; ++i) h = (h ^ (unsigned long long)i) * 1099511628211ULL;
  printf("%llu\n", h);
  return 0;
}
