#pragma once
// libhdf5 in a child process (issue 14). Debian's libhdf5 1.10.8 has bugs that a corrupt file
// reaches before any check of PadLab's can: the fuzzer found a heap over-read in H5Aiterate2
// (tests/fixtures/saved/libhdf5_attr_name_overread.h5) and a loop in its global heap.
// The child opens the bytes, walks them with read_h5_image_in_process and streams what it found
// back through a pipe; a crash, over-read, hang or runaway allocation inside libhdf5 ends the
// child, and the caller gets one typed error naming the file while its own memory stays intact.
//
// It FORKS the calling process (fork(2), POSIX; compiled in the native build only). The child
// runs libhdf5, malloc and write(2) only, and ends with _exit, never returning into the caller.
// That is safe in a single-threaded process (the CLI, the Catch2 tests). A multi-threaded caller
// must not call it while another thread is inside libhdf5 (the serial build Debian ships is not
// thread-safe anyway) or holds a lock the child would need (glibc's malloc is reset after fork);
// under ASan/UBSan fork is fine, but the child gets no address-space cap (the sanitizers
// reserve terabytes of shadow memory), only the CPU cap and the parent's silence timeout.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/import/saved/saved_model.hpp"

namespace padlab {

struct Hdf5ChildLimits {
    // No byte from the child for this long: it is killed (libhdf5 looping on a corrupt file).
    // A pause, not a total: a large file keeps streaming, so it never trips.
    std::chrono::milliseconds silence{10000};
    // Address space the child may add to what it inherits (RLIMIT_AS): one dataset as float32
    // (at most kMaxSavedTotalBytes; datasets are streamed one at a time) plus libhdf5's own.
    std::size_t extra_address_space = kMaxSavedTotalBytes + (std::size_t(512) << 20);
    unsigned cpu_seconds = 60;  // RLIMIT_CPU: SIGXCPU past it
    // Tests only: run in the child before it reads, given the pipe's write end (abort, hang,
    // write garbage...). nullptr in every real call.
    void (*child_fault)(int out_fd) = nullptr;
};

// read_h5_image_in_process(bytes, size, with_data) run in a child process under `limits`; the
// same H5Contents, and the same ArgumentError / LimitError for what PadLab's own checks refuse.
// The child failing becomes an error whose message starts with `name`: ArgumentError when it
// crashes, exits or sends malformed data ("<name>: the HDF5 library failed reading this file (it
// is corrupt): ..."), LimitError when it runs past a cap or stops responding, or when no child
// process can be started.
H5Contents read_h5_in_child(const std::uint8_t* bytes, std::size_t size, bool with_data, std::string_view name,
                            const Hdf5ChildLimits& limits = {});

// Asks the kernel for transparent huge pages over a large buffer not touched yet (a no-op when
// THP is off or the buffer is small). Fork copies a huge page's mapping as one entry and the
// child reads it without a fault per 4 KiB (reading a 210 MB file's weights in the child cost
// ~0.3 s more in page faults without it, on the 2-core VM this was measured on). Used for the
// weights the parent receives; a caller holding a large file image may call it before reading
// the file in (the CLI does).
void prefer_huge_pages(const void* data, std::size_t size);

// False under ASan/MSan/TSan: the child's address space is not capped (see above).
bool hdf5_child_address_space_capped();

}  // namespace padlab
