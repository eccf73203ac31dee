#include "profile/stack_sampler.h"

#include <linux/perf_event.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "perfgate/error.h"

namespace perfgate {
namespace {

// 32 data pages per CPU (128 KiB): at 999 Hz a 64-frame sample stream fills it in
// about 0.2 s, and the reader drains it every 10 ms. Small enough for the 516 KiB
// default perf_event_mlock_kb of an unprivileged user on a 2-core machine.
constexpr std::size_t kDataPages = 32;
constexpr int kPollMilliseconds = 10;

std::string read_sysctl(const char* path) {
  std::ifstream in(path);
  std::string value;
  in >> value;
  return value.empty() ? "?" : value;
}

Error open_failed(int error) {
  if (error == EACCES || error == EPERM) {
    return environment_error(std::string("sampling not permitted: perf_event_open: ") + std::strerror(error) +
                             " (kernel.perf_event_paranoid=" + read_sysctl("/proc/sys/kernel/perf_event_paranoid") +
                             "; containers often block it)");
  }
  if (error == ENOSYS || error == ENOENT || error == EOPNOTSUPP) {
    return environment_error(std::string("sampling not supported here: perf_event_open: ") + std::strerror(error));
  }
  return environment_error(std::string("cannot start sampling: perf_event_open: ") + std::strerror(error));
}

perf_event_attr sampling_attributes(std::uint64_t period_ns, bool inherit) {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_CPU_CLOCK;
  attr.sample_period = period_ns;  // cpu-clock counts nanoseconds: each sample stands for this much CPU time
  attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_CALLCHAIN;
  attr.disabled = 1;
  attr.inherit = inherit;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  attr.exclude_callchain_kernel = 1;
  attr.mmap = 1;
  attr.mmap2 = 1;
  attr.comm = 1;
  attr.task = 1;
  attr.wakeup_events = 0;
  return attr;
}

std::vector<pid_t> threads_of(pid_t pid) {
  std::vector<pid_t> tids;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    tids.push_back(pid_t(std::stol(entry.path().filename().string())));
  }
  return tids;
}

template <class T>
T read_at(const std::vector<std::byte>& record, std::size_t offset) {
  T value{};
  if (offset + sizeof(T) <= record.size()) std::memcpy(&value, record.data() + offset, sizeof(T));
  return value;
}

}  // namespace

std::string to_string(SamplingScope scope) {
  switch (scope) {
    case SamplingScope::kThisProcess: return "perf-run";
    case SamplingScope::kChildren: return "children";
    case SamplingScope::kServer: return "server";
  }
  return "?";
}

// One CPU's mapped ring buffer: the kernel writes at data_head, we read up to it and
// publish data_tail so it can reuse the space.
class RingBuffer {
 public:
  RingBuffer(int fd, long cpu)
      : fd_(fd), cpu_(cpu), page_(std::size_t(sysconf(_SC_PAGESIZE))), length_(page_ * (1 + kDataPages)) {
    void* base = mmap(nullptr, length_, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
      const int error = errno;
      throw environment_error(std::string("cannot map the sampling buffer: ") + std::strerror(error) +
                              (error == EPERM ? " (locked-memory limit: kernel.perf_event_mlock_kb=" +
                                                    read_sysctl("/proc/sys/kernel/perf_event_mlock_kb") + " per user)"
                                              : std::string()));
    }
    base_ = static_cast<std::byte*>(base);
  }
  ~RingBuffer() { munmap(base_, length_); }
  RingBuffer(const RingBuffer&) = delete;
  RingBuffer& operator=(const RingBuffer&) = delete;
  int fd() const { return fd_; }  // the event that owns the buffer; closed by the sampler
  long cpu() const { return cpu_; }

  template <class Handler>
  void drain(Handler&& handle) {
    auto* meta = reinterpret_cast<perf_event_mmap_page*>(base_);
    const std::uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
    std::uint64_t tail = meta->data_tail;
    const std::size_t size = meta->data_size ? std::size_t(meta->data_size) : page_ * kDataPages;
    const std::byte* data = base_ + (meta->data_offset ? meta->data_offset : page_);
    while (tail + sizeof(perf_event_header) <= head) {
      perf_event_header header;
      copy_out(data, size, tail, &header, sizeof header);
      if (header.size < sizeof header || tail + header.size > head) break;
      record_.resize(header.size);
      copy_out(data, size, tail, record_.data(), header.size);
      handle(record_);
      tail += header.size;
    }
    __atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
  }

 private:
  static void copy_out(const std::byte* data, std::size_t size, std::uint64_t from, void* to, std::size_t n) {
    const std::size_t start = std::size_t(from % size);
    const std::size_t first = std::min(n, size - start);
    std::memcpy(to, data + start, first);
    std::memcpy(static_cast<std::byte*>(to) + first, data, n - first);
  }

  int fd_;
  long cpu_;
  std::size_t page_, length_;
  std::byte* base_ = nullptr;
  std::vector<std::byte> record_;
};

StackSampler::StackSampler(SamplingScope scope, pid_t server_pid, double rate_hz)
    : scope_(scope), self_(getpid()), period_ns_(std::uint64_t(std::llround(1e9 / std::max(rate_hz, 1.0)))) {
  // The reader thread starts before the events exist, so that it is not sampled itself.
  reader_ = std::thread([this] {
    ready_.wait(false);
    std::vector<pollfd> polls;
    for (const auto& buffer : buffers_) polls.push_back({buffer->fd(), POLLIN, 0});
    while (!stopping_.load()) {
      poll(polls.data(), polls.size(), kPollMilliseconds);
      drain();
    }
  });
  try {
    if (scope == SamplingScope::kServer) {
      if (!sampled_.maps.read_proc(server_pid)) {
        throw environment_error("cannot sample server pid " + std::to_string(server_pid) + ": no such process");
      }
      for (const pid_t tid : threads_of(server_pid)) open_events(tid, true);
    } else {
      sampled_.maps.read_proc(self_);
      open_events(pid_t(syscall(SYS_gettid)), true);
    }
    for (const int fd : fds_) ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
  } catch (...) {
    stopping_ = true;
    ready_ = true;
    ready_.notify_one();
    reader_.join();
    buffers_.clear();
    for (const int fd : fds_) close(fd);
    throw;
  }
  ready_ = true;
  ready_.notify_one();
}

StackSampler::~StackSampler() {
  if (!stopped_) stop();
}

// One event per CPU for `pid` (inherit needs per-CPU events to be mapped); the first
// event on each CPU owns that CPU's ring buffer, later ones write into it.
void StackSampler::open_events(pid_t pid, bool inherit) {
  perf_event_attr attr = sampling_attributes(period_ns_, inherit);
  const long cpus = sysconf(_SC_NPROCESSORS_CONF);
  for (long cpu = 0; cpu < cpus; ++cpu) {
    const int fd = int(syscall(SYS_perf_event_open, &attr, pid, int(cpu), -1, PERF_FLAG_FD_CLOEXEC));
    if (fd < 0) {
      if (errno == ENODEV || errno == EINVAL) continue;  // an offline CPU
      throw open_failed(errno);
    }
    fds_.push_back(fd);
    auto owner = std::find_if(buffers_.begin(), buffers_.end(), [&](const auto& b) { return b->cpu() == cpu; });
    if (owner != buffers_.end()) {
      ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, (*owner)->fd());
    } else {
      buffers_.push_back(std::make_unique<RingBuffer>(fd, cpu));
    }
  }
  if (buffers_.empty()) throw open_failed(ENODEV);
}

void StackSampler::drain() {
  for (auto& buffer : buffers_) {
    buffer->drain([this](const std::vector<std::byte>& record) { handle(record); });
  }
}

void StackSampler::handle(const std::vector<std::byte>& record) {
  const auto type = read_at<perf_event_header>(record, 0).type;
  constexpr std::size_t body = sizeof(perf_event_header);
  switch (type) {
    case PERF_RECORD_SAMPLE: {
      // ip, pid/tid, nr, ips[nr] (sample_type IP | TID | CALLCHAIN)
      RawStack stack;
      stack.pid = pid_t(read_at<std::uint32_t>(record, body + 8));
      if (scope_ == SamplingScope::kChildren && stack.pid == self_) return;
      if (scope_ == SamplingScope::kThisProcess && stack.pid != self_) return;
      const auto nr = read_at<std::uint64_t>(record, body + 16);
      for (std::uint64_t i = 0; i < nr && i < 256; ++i) {
        const auto ip = read_at<std::uint64_t>(record, body + 24 + 8 * std::size_t(i));
        if (ip >= std::uint64_t(PERF_CONTEXT_MAX)) continue;  // a context marker
        stack.ips.push_back(ip);
      }
      if (stack.ips.empty()) stack.ips.push_back(read_at<std::uint64_t>(record, body));
      sampled_.stacks.push_back(std::move(stack));
      samples_seen_.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    case PERF_RECORD_MMAP2: {
      // pid, tid, addr, len, pgoff, maj, min, ino, ino_generation, prot, flags, filename
      const auto pid = pid_t(read_at<std::uint32_t>(record, body));
      const auto addr = read_at<std::uint64_t>(record, body + 8);
      const auto len = read_at<std::uint64_t>(record, body + 16);
      const auto pgoff = read_at<std::uint64_t>(record, body + 24);
      constexpr std::size_t name_at = body + 64;
      if (record.size() <= name_at) return;
      const char* name = reinterpret_cast<const char*>(record.data() + name_at);
      sampled_.maps.add(pid, Mapping{addr, addr + len, pgoff, std::string(name, strnlen(name, record.size() - name_at))});
      break;
    }
    case PERF_RECORD_FORK:
      sampled_.maps.fork(pid_t(read_at<std::uint32_t>(record, body + 4)), pid_t(read_at<std::uint32_t>(record, body)));
      break;
    case PERF_RECORD_LOST:
      sampled_.lost += read_at<std::uint64_t>(record, body + 8);
      break;
    default:
      break;
  }
}

SampledStacks StackSampler::stop() {
  stopped_ = true;
  for (const int fd : fds_) ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
  stopping_ = true;
  if (reader_.joinable()) reader_.join();
  drain();
  buffers_.clear();
  for (const int fd : fds_) close(fd);
  fds_.clear();
  return std::move(sampled_);
}

}  // namespace perfgate
