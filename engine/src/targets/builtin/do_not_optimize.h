#pragma once
// Keeps the compiler from deleting work whose result is otherwise unused
// (the same trick as benchmark::DoNotOptimize).

namespace perfgate {

template <class T>
inline void do_not_optimize(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

}  // namespace perfgate
