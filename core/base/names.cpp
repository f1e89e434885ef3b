#include "core/base/names.hpp"

#include <cctype>

namespace padlab {

bool same_name(std::string_view a, std::string_view b, NameCase match) {
    if (a.size() != b.size()) return false;
    if (match == NameCase::Exact) return a == b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string quoted_choices(const std::vector<std::string_view>& names, std::string_view last_joiner) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? std::string(last_joiner) : std::string(", ");
        out += "'" + std::string(names[i]) + "'";
    }
    return out;
}

}  // namespace padlab
