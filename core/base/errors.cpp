#include "core/base/errors.hpp"

namespace padlab {

std::string describe(const Error& e) {
    std::string prefix;
    const Location& w = e.where();
    if (w.line > 0) {
        prefix += "line " + std::to_string(w.line);
        if (w.column > 0) prefix += ", column " + std::to_string(w.column);
    }
    if (!w.layer.empty()) {
        if (!prefix.empty()) prefix += ", ";
        prefix += "layer '" + w.layer + "'";
    }
    return prefix.empty() ? std::string(e.what()) : prefix + ": " + e.what();
}

}  // namespace padlab
