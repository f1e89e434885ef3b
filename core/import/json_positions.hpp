#pragma once
// Where each JSON object/array starts in the source text, by JSON pointer. nlohmann-json 3.11
// keeps no source positions in its DOM, so one light scan of the (already validated) text
// recovers them; the importer uses them to put a line/column on every layer.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace padlab::importer {

class JsonPositions {
public:
    // Records containers down to `max_depth` pointer tokens (a layer of a TF.js
    // modelTopology.model_config is at depth 5).
    JsonPositions(std::string_view text, int max_depth = 6);

    // Byte offset of the '{' or '[' opening the value at `pointer` ("/config/layers/0");
    // npos when unknown (scalar, deeper than max_depth, or absent).
    std::size_t offset(const std::string& pointer) const;

    // Throws ParseError (with line/column) at the first bracket nested deeper than
    // `max_nesting`. Tolerates malformed JSON: it only counts brackets outside strings.
    static void check_nesting(std::string_view text, int max_nesting);

    // "/" + token with '~' -> "~0" and '/' -> "~1" (RFC 6901).
    static std::string child(const std::string& pointer, const std::string& token);
    static std::string child(const std::string& pointer, std::size_t index);

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::unordered_map<std::string, std::size_t> offsets_;
};

}  // namespace padlab::importer
