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

namespace {

std::string join(const std::vector<std::string_view>& names, std::string_view last_joiner, std::string_view quote) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? std::string(last_joiner) : std::string(", ");
        out += std::string(quote) + std::string(names[i]) + std::string(quote);
    }
    return out;
}

}  // namespace

std::string joined_names(const std::vector<std::string_view>& names, std::string_view last_joiner) {
    return join(names, last_joiner, "");
}

std::string quoted_choices(const std::vector<std::string_view>& names, std::string_view last_joiner) {
    return join(names, last_joiner, "'");
}

}  // namespace padlab
