// libFuzzer target: Python-subset import, then layer inference on whatever imports.
// padlab::Error is the expected outcome for bad input; anything else (another exception,
// a sanitizer report, a crash, a stack overflow) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/model/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const padlab::ModelSpec spec = padlab::import_python(text);
        (void)padlab::summarize(spec);
    } catch (const padlab::Error&) {
    }
    return 0;
}
