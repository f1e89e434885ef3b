// libFuzzer target: an HDF5 file image through libhdf5 in this process (read_h5_image_in_process:
// the public read_h5_image runs it in a child, where libFuzzer would not see its faults), then Keras's legacy
// layout (legacy_h5_model) and layer inference. padlab::Error is the expected outcome for bad
// input; anything else (another exception, a sanitizer report, a crash, a hang) is a bug.
#include <cstddef>
#include <cstdint>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_file_native.hpp"
#include "core/model/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const padlab::SavedModel m = padlab::legacy_h5_model(padlab::read_h5_image_in_process(data, size));
        (void)padlab::summarize(m.spec);
    } catch (const padlab::Error&) {
    }
    return 0;
}
