// libFuzzer target: a .keras archive through libzip (read_keras_zip, with its weights through
// libhdf5 in this process, not a child: libFuzzer must see libhdf5's own faults), then layer inference on whatever imports. padlab::Error is the expected outcome for
// bad input; anything else (another exception, a sanitizer report, a crash, a hang) is a bug.
#include <cstddef>
#include <cstdint>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_file_native.hpp"
#include "core/model/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const padlab::SavedModel m = padlab::read_keras_zip(data, size, true, "fuzz input", padlab::Hdf5Process::InProcess);
        (void)padlab::summarize(m.spec);
    } catch (const padlab::Error&) {
    }
    return 0;
}
