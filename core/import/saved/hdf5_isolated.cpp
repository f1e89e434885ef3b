// read_h5_in_child: fork, the child walks the image with libhdf5 and streams what it found
// through a pipe, the parent decodes it under the caps the walk itself keeps, with a silence
// timeout, and turns the child's end into a typed error naming the file (hdf5_isolated.hpp).
#include "core/import/saved/hdf5_isolated.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>
#include <string>
#include <vector>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_file_native.hpp"

// The sanitizers reserve terabytes of shadow address space: RLIMIT_AS would fail them at once.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PADLAB_SANITIZER_SHADOW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define PADLAB_SANITIZER_SHADOW 1
#endif
#endif

namespace padlab {

namespace {

// The child's records, in the walk's order, each a tag byte then its fields; integers as u64 in
// the machine's order (parent and child are one binary), strings as a u64 length + the bytes:
//   'D' a dataset: path, rank, rank x dim, count (0: shapes only), then 'P' records of its
//       floats until they add up to count: 'P' n, n x f32
//   'G' a group: path            'A' a string attribute: key, count, count x item
//   'E' an error: kind (padlab::Error::kind(), "bad_alloc" or "unknown"), message
//   'K' done
// 'E' and 'K' end the stream, 'E' also between a dataset's parts (libhdf5 failing mid-read);
// anything else the parent reads is the child failing.
constexpr char kArray = 'D', kPart = 'P', kGroup = 'G', kAttribute = 'A', kError = 'E', kDone = 'K';
constexpr int kChildPipeBroken = 120;  // the child's exit status when the parent stopped reading
constexpr std::uint64_t kMaxRank = 32;  // as read_dataset
constexpr std::uint64_t kMaxAttributeItems = 1 << 20;
constexpr std::size_t kIoChunk = std::size_t(1) << 16;

// ---------------------------------------------------------------- child

class ChildWriter {
public:
    explicit ChildWriter(int fd) : fd_(fd) {}
    void raw(const void* p, std::size_t n) {
        if (n > sizeof buf_ - used_) {
            flush();
            if (n >= sizeof buf_) return write_all(p, n);  // a dataset's floats: straight to the pipe
        }
        std::memcpy(buf_ + used_, p, n);
        used_ += n;
    }
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void str(std::string_view s) {
        u64(s.size());
        raw(s.data(), s.size());
    }
    void tag(char t) { raw(&t, 1); }
    void flush() {
        write_all(buf_, used_);
        used_ = 0;
    }

private:
    void write_all(const void* p, std::size_t n) {
        const char* c = static_cast<const char*>(p);
        while (n > 0) {
            const ssize_t w = ::write(fd_, c, n);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) _exit(kChildPipeBroken);
            c += w;
            n -= static_cast<std::size_t>(w);
        }
    }
    int fd_;
    std::size_t used_ = 0;
    char buf_[kIoChunk];
};

#ifndef PADLAB_SANITIZER_SHADOW
std::size_t address_space_in_use() {
    const int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[128];
    const ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    const long page = sysconf(_SC_PAGESIZE);
    return static_cast<std::size_t>(std::strtoull(buf, nullptr, 10)) * static_cast<std::size_t>(page > 0 ? page : 4096);
}
#endif

// The soft limit lowered to `want` (never above the hard one, which stays: no privilege needed).
void cap(int resource, rlim_t want) {
    rlimit now{};
    if (getrlimit(resource, &now) != 0) return;
    if (now.rlim_max != RLIM_INFINITY) want = std::min(want, now.rlim_max);
    if (now.rlim_cur != RLIM_INFINITY && now.rlim_cur < want) return;  // already tighter
    now.rlim_cur = want;
    setrlimit(resource, &now);
}

void child_setup(const Hdf5ChildLimits& limits) {
    // The caller's handlers (Catch2's, a crash reporter's) must not run here: a signal ends the
    // child, and the parent reads which from its exit status.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ, SIGPIPE, SIGTERM, SIGINT,
                    SIGALRM})
        std::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    // Nothing of the child's reaches the caller's terminal, a sanitizer's report included,
    // unless PADLAB_HDF5_CHILD_STDERR is set (to debug the child).
    const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        if (!std::getenv("PADLAB_HDF5_CHILD_STDERR")) dup2(null, STDERR_FILENO);
    }
    cap(RLIMIT_CORE, 0);  // a crash on a corrupt file leaves no core file behind
    cap(RLIMIT_CPU, limits.cpu_seconds);
#ifndef PADLAB_SANITIZER_SHADOW
    if (const std::size_t in_use = address_space_in_use()) cap(RLIMIT_AS, in_use + limits.extra_address_space);
#endif
}

class PipeSink : public H5ArraySink {
public:
    explicit PipeSink(ChildWriter& out) : out_(out) {}
    void array(const std::string& path, const Shape& shape, std::size_t elements) override {
        out_.tag(kArray);
        out_.str(path);
        out_.u64(shape.size());
        for (const std::int64_t d : shape) out_.u64(static_cast<std::uint64_t>(d));
        out_.u64(elements);
    }
    void part(const float* data, std::size_t n) override {
        out_.tag(kPart);
        out_.u64(n);
        out_.raw(data, n * sizeof(float));
    }

private:
    ChildWriter& out_;
};

[[noreturn]] void run_child(int fd, const std::uint8_t* bytes, std::size_t size, bool with_data,
                            const Hdf5ChildLimits& limits) {
    child_setup(limits);
    ChildWriter out(fd);
    // No exception leaves this frame: the child never unwinds into the caller's stack.
    try {
        if (limits.child_fault) limits.child_fault(fd);
        PipeSink sink(out);
        const H5Contents c = walk_h5_image(bytes, size, with_data, &sink);  // checked by the parent
        for (const std::string& g : c.groups) {
            out.tag(kGroup);
            out.str(g);
        }
        for (const auto& [key, items] : c.attributes) {
            out.tag(kAttribute);
            out.str(key);
            out.u64(items.size());
            for (const std::string& s : items) out.str(s);
        }
        out.tag(kDone);
    } catch (const Error& e) {
        out.tag(kError);
        out.str(e.kind());
        out.str(e.what());
    } catch (const std::bad_alloc&) {
        out.tag(kError);
        out.str("bad_alloc");
        out.str("");
    } catch (...) {
        out.tag(kError);
        out.str("unknown");
        out.str("");
    }
    out.flush();
    _exit(0);  // not exit(): none of the caller's atexit handlers or stdio buffers run twice
}

// ---------------------------------------------------------------- parent

struct ChildSilent {};     // no byte within the silence timeout
struct ChildEnded {};      // the pipe closed before 'E' or 'K'
struct ChildMalformed {};  // a record no child of this binary writes

class ChildReader {
public:
    ChildReader(int fd, std::chrono::milliseconds silence)
        : fd_(fd), silence_ms_(static_cast<int>(std::clamp<std::int64_t>(silence.count(), 0, INT_MAX))), buf_(kIoChunk) {}
    void raw(void* dst, std::size_t n) {
        char* d = static_cast<char*>(dst);
        while (n > 0) {
            if (pos_ == end_) {
                if (n >= buf_.size()) {  // a dataset's floats: straight into the array
                    const std::size_t got = read_some(d, n);
                    d += got;
                    n -= got;
                    continue;
                }
                end_ = read_some(buf_.data(), buf_.size());
                pos_ = 0;
            }
            const std::size_t k = std::min(n, end_ - pos_);
            std::memcpy(d, buf_.data() + pos_, k);
            pos_ += k;
            d += k;
            n -= k;
        }
    }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    char tag() {
        char t = 0;
        raw(&t, 1);
        return t;
    }
    std::string str(std::size_t cap) {
        const std::uint64_t n = u64();
        if (n > cap) throw ChildMalformed{};
        std::string s(static_cast<std::size_t>(n), '\0');
        raw(s.data(), s.size());
        return s;
    }

private:
    std::size_t read_some(char* dst, std::size_t n) {
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            const int ready = poll(&p, 1, silence_ms_);
            if (ready < 0 && errno == EINTR) continue;
            if (ready == 0) throw ChildSilent{};
            if (ready < 0) throw ChildEnded{};
            const ssize_t got = ::read(fd_, dst, n);
            if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (got <= 0) throw ChildEnded{};
            return static_cast<std::size_t>(got);
        }
    }
    int fd_;
    int silence_ms_;
    std::vector<char> buf_;
    std::size_t pos_ = 0, end_ = 0;
};

struct ChildResult {
    H5Contents contents;
    bool failed = false;
    std::string kind, message;
};

// The records up to 'E' or 'K', each checked against the caps read_h5_image_in_process keeps,
// so a child that went wrong cannot make the parent allocate without bound.
ChildResult read_records(ChildReader& in) {
    ChildResult r;
    std::size_t text_bytes = 0, floats = 0;
    const auto text = [&](std::size_t cap) {
        std::string s = in.str(cap);
        text_bytes += s.size();
        if (text_bytes > kMaxSavedTotalBytes) throw ChildMalformed{};
        return s;
    };
    const auto error_record = [&] {
        r.failed = true;
        r.kind = text(64);
        r.message = text(kMaxSavedConfigBytes);
    };
    constexpr std::size_t kMaxFloats = kMaxSavedTotalBytes / sizeof(float);
    for (;;) {
        switch (in.tag()) {
            case kArray: {
                H5Array a;
                a.path = text(kMaxSavedConfigBytes);
                const std::uint64_t rank = in.u64();
                if (rank > kMaxRank) throw ChildMalformed{};
                std::size_t elements = 1;
                for (std::uint64_t k = 0; k < rank; ++k) {
                    const std::uint64_t d = in.u64();
                    if (d > kMaxFloats || (d && elements > kMaxFloats / d)) throw ChildMalformed{};
                    elements *= static_cast<std::size_t>(d);
                    a.shape.push_back(static_cast<std::int64_t>(d));
                }
                floats += elements;
                const std::uint64_t count = in.u64();
                if (floats > kMaxFloats || (count != 0 && count != elements)) throw ChildMalformed{};
                a.data.reserve(static_cast<std::size_t>(count));
                prefer_huge_pages(a.data.data(), a.data.capacity() * sizeof(float));  // before the first touch
                a.data.resize(static_cast<std::size_t>(count));
                for (std::size_t filled = 0; filled < a.data.size();) {
                    const char t = in.tag();
                    if (t == kError) {
                        error_record();
                        return r;
                    }
                    if (t != kPart) throw ChildMalformed{};
                    const std::uint64_t n = in.u64();
                    if (n == 0 || n > a.data.size() - filled) throw ChildMalformed{};
                    in.raw(a.data.data() + filled, static_cast<std::size_t>(n) * sizeof(float));
                    filled += static_cast<std::size_t>(n);
                }
                r.contents.arrays.push_back(std::move(a));
                break;
            }
            case kGroup:
                r.contents.groups.push_back(text(kMaxSavedConfigBytes));
                break;
            case kAttribute: {
                std::string key = text(kMaxSavedConfigBytes);
                const std::uint64_t n = in.u64();
                if (n > kMaxAttributeItems) throw ChildMalformed{};
                std::vector<std::string> items;
                for (std::uint64_t k = 0; k < n; ++k) items.push_back(text(kMaxSavedConfigBytes + 1));
                r.contents.attributes[std::move(key)] = std::move(items);
                break;
            }
            case kError:
                error_record();
                return r;
            case kDone:
                return r;
            default:
                throw ChildMalformed{};
        }
    }
}

// The child process and the pipe's read end; the destructor kills and reaps a child still
// running (the parent leaving on an exception), so none outlives the call or stays a zombie.
class Child {
public:
    Child(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        if (pid_ > 0) (void)end(true, std::chrono::milliseconds(0));
        else if (fd_ >= 0) close(fd_);
    }
    // Its wait status (-1: unknown, e.g. SIGCHLD ignored). `kill_first` false: it is ending by
    // itself (the pipe closed); waited for at most `grace`, then killed.
    int end(bool kill_first, std::chrono::milliseconds grace) {
        if (fd_ >= 0) close(fd_);
        fd_ = -1;
        const pid_t pid = pid_;
        pid_ = -1;
        if (kill_first) kill(pid, SIGKILL);
        int status = 0;
        const auto until = std::chrono::steady_clock::now() + grace;
        for (;;) {
            const pid_t r = waitpid(pid, &status, kill_first ? 0 : WNOHANG);
            if (r == pid) return status;
            if (r < 0 && errno != EINTR) return -1;
            if (r == 0) {
                if (std::chrono::steady_clock::now() >= until) {
                    kill(pid, SIGKILL);
                    kill_first = true;
                    continue;
                }
                const timespec ms{0, 1000000};
                nanosleep(&ms, nullptr);
            }
        }
    }

private:
    pid_t pid_;
    int fd_;
};

std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// The error a child failing becomes: `status` as waitpid gave it after the pipe closed early.
[[noreturn]] void child_ended(const std::string& name, int status, const Hdf5ChildLimits& limits) {
    if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
        throw LimitError(name + ": the HDF5 library used more than " + std::to_string(limits.cpu_seconds) +
                         " s of CPU reading this file (a corrupt file it loops on?): stopped.");
    }
    std::string how = "its reader process ended before it finished";
    if (status != -1 && WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* what = strsignal(sig);
        how = "its reader process crashed (signal " + std::to_string(sig) + (what ? std::string(", ") + what : "") + ")";
    } else if (status != -1 && WIFEXITED(status)) {
        how = "its reader process exited with status " + std::to_string(WEXITSTATUS(status)) + " before it finished";
#ifdef PADLAB_SANITIZER_SHADOW
        how += " (a sanitizer's report? PADLAB_HDF5_CHILD_STDERR=1 shows it)";
#endif
    }
    throw ArgumentError(name + ": the HDF5 library failed reading this file (it is corrupt): " + how + ".");
}

// An error the child's walk threw, thrown again here with its type and text.
[[noreturn]] void rethrow(const ChildResult& r, const std::string& name, const Hdf5ChildLimits& limits) {
    if (r.kind == "ArgumentError") throw ArgumentError(r.message);
    if (r.kind == "LimitError") throw LimitError(r.message);
    if (r.kind == "ShapeError") throw ShapeError(r.message);
    if (r.kind == "ParseError") throw ParseError(r.message);
    if (r.kind == "UnsupportedError") throw UnsupportedError(r.message);
    if (r.kind == "bad_alloc") {
        throw LimitError(name + ": reading this HDF5 file needs more memory than its reader process may use" +
                         (hdf5_child_address_space_capped() ? " (" + mib(limits.extra_address_space) + ")" : "") +
                         ": refused.");
    }
    throw ArgumentError(name + ": the HDF5 library failed reading this file (it is corrupt)" +
                        (r.message.empty() ? std::string(".") : ": " + r.message));
}

}  // namespace

void prefer_huge_pages(const void* data, std::size_t size) {
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    if (size < 4 * kHuge) return;  // small buffers: not worth a system call
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(kHuge - 1);
    if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

bool hdf5_child_address_space_capped() {
#ifdef PADLAB_SANITIZER_SHADOW
    return false;
#else
    return true;
#endif
}

H5Contents read_h5_in_child(const std::uint8_t* bytes, std::size_t size, bool with_data, std::string_view name,
                            const Hdf5ChildLimits& limits) {
    const std::string file(name);
    check_h5_image(bytes, size);  // PadLab's own code: safe here, and the child maps fewer pages
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw LimitError(file + ": cannot start a process to read this HDF5 file (pipe: " + std::strerror(errno) + ").");
    const pid_t pid = fork();
    if (pid < 0) {
        const int err = errno;
        close(fds[0]);
        close(fds[1]);
        throw LimitError(file + ": cannot start a process to read this HDF5 file (fork: " + std::strerror(err) + ").");
    }
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], bytes, size, with_data, limits);
    }
    close(fds[1]);
    Child child(pid, fds[0]);
    (void)fcntl(fds[0], F_SETPIPE_SZ, 1 << 20);  // fewer wake-ups for large weights; 64 KiB works too
    ChildReader in(fds[0], limits.silence);
    ChildResult result;
    try {
        result = read_records(in);
    } catch (const ChildSilent&) {
        (void)child.end(true, std::chrono::milliseconds(0));
        const auto ms = limits.silence.count();
        throw LimitError(file + ": the HDF5 library made no progress reading this file for " +
                         (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms") +
                         " (a corrupt file it loops on?): stopped.");
    } catch (const ChildEnded&) {
        child_ended(file, child.end(false, limits.silence), limits);
    } catch (const ChildMalformed&) {
        (void)child.end(true, std::chrono::milliseconds(0));
        throw ArgumentError(file + ": the HDF5 library failed reading this file (it is corrupt): its reader process "
                            "sent malformed data.");
    }
    (void)child.end(true, std::chrono::milliseconds(0));  // it has said all; nothing is left for it to do
    if (result.failed) rethrow(result, file, limits);
    return std::move(result.contents);
}

}  // namespace padlab
