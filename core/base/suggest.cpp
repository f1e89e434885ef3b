#include "core/base/suggest.hpp"

#include <algorithm>

namespace padlab {

namespace {
constexpr std::size_t kMoveCost = 2;
constexpr std::size_t kCaseCost = 1;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t substitution_cost(char a, char b) {
    if (a == b) return 0;
    return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}
}  // namespace

std::size_t name_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment over three rows: previous-but-one (for swaps), previous, current.
    std::vector<std::size_t> two(b.size() + 1), one(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) one[j] = j * kMoveCost;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i * kMoveCost;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min({one[j] + kMoveCost, row[j - 1] + kMoveCost, one[j - 1] + substitution_cost(a[i - 1], b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2])
                row[j] = std::min(row[j], two[j - 2] + kMoveCost);
        }
        std::swap(two, one);
        std::swap(one, row);
    }
    return one[b.size()];
}

std::optional<std::string_view> closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (std::string_view c : candidates) {
        if (c == word) continue;
        const std::size_t limit = (word.size() + c.size() + 3) * kMoveCost / 6;
        const std::size_t d = name_distance(word, c);
        if (d > limit || (best && d >= best_distance)) continue;
        best = c;
        best_distance = d;
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    const auto hit = closest_name(word, candidates);
    return hit ? " Did you mean '" + std::string(*hit) + "'?" : std::string();
}

std::string with_suggestion(std::string message, std::string_view word, const std::vector<std::string_view>& candidates) {
    const std::string hint = did_you_mean(word, candidates);
    if (!hint.empty()) message += "." + hint;
    return message;
}

}  // namespace padlab
