// libFuzzer target: Keras's layouts over opened contents (saved_model.hpp): the input up to its
// first NUL byte is a TF.js model.json and the rest its one weight file (tfjs_model); the JSON
// part also as a .keras config.json (keras_archive_model) and as an .h5 model_config
// (legacy_h5_model). padlab::Error is the expected outcome for bad input; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_model.hpp"
#include "core/model/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = all.find('\0');
    const std::string_view text = all.substr(0, nul);
    const std::vector<std::string_view> shards =
        nul == std::string_view::npos ? std::vector<std::string_view>{} : std::vector<std::string_view>{all.substr(nul + 1)};
    try {
        (void)padlab::summarize(padlab::tfjs_model(text, shards).spec);
    } catch (const padlab::Error&) {
    }
    try {
        (void)padlab::keras_archive_model(text, std::nullopt, nullptr);
    } catch (const padlab::Error&) {
    }
    try {
        padlab::H5Contents h5;
        h5.attributes["@model_config"] = {std::string(text)};
        (void)padlab::legacy_h5_model(h5);
    } catch (const padlab::Error&) {
    }
    return 0;
}
