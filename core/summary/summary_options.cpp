#include "core/summary/summary_options.hpp"

#include <algorithm>
#include <regex>

#include "core/base/errors.hpp"
#include "core/summary/summary_text.hpp"

namespace padlab {

std::array<std::size_t, 2> layer_range_bounds(const ModelSummary& model, const std::vector<std::string>& layer_range,
                                              bool keras3_names) {
    const std::size_t n = model.layers.size();
    if (layer_range.empty()) return {0, n};
    const std::string received = python_list_repr(layer_range);
    if (layer_range.size() != 2) {
        throw ArgumentError("layer_range must be a list or tuple of length 2. Received: layer_range = " + received +
                            " of length " + std::to_string(layer_range.size()));
    }
    // re.match: the pattern must match at the start of the name (not necessarily all of it).
    const auto matches = [&](const std::string& pattern) {
        std::regex re;
        try {
            re = std::regex(pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            throw ArgumentError("layer_range: '" + pattern + "' is not a valid regular expression");
        }
        std::vector<std::size_t> hits;
        for (std::size_t i = 0; i < n; ++i) {
            const LayerSummary& l = model.layers[i];
            const std::string& name = keras3_names && !l.name_keras3.empty() ? l.name_keras3 : l.name;
            if (std::regex_search(name, re, std::regex_constants::match_continuous)) hits.push_back(i);
        }
        return hits;
    };
    const std::vector<std::size_t> lower = matches(layer_range[0]);
    const std::vector<std::size_t> upper = matches(layer_range[1]);
    if (lower.empty() || upper.empty()) {
        throw ArgumentError("Passed layer_names do not match the layer names in the model. Received: " + received);
    }
    // Keras compares the first lower match with the last upper match and swaps when reversed.
    if (lower.front() > upper.back()) return {upper.front(), lower.back() + 1};
    return {lower.front(), upper.back() + 1};
}

}  // namespace padlab
