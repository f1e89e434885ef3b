#pragma once
// "Did you mean ...?": the known name nearest to a misspelt one, for error messages that name
// a typo instead of reporting a missing feature (a layer class, a keyword argument, a padding
// string). The distance is Python 3.10+'s, which suggests names for its own NameError and
// AttributeError (Python/suggestions.c): a substitution or an insertion/deletion costs 2, a
// change of case only 1, and a candidate counts only within (len(a) + len(b) + 3) / 3. One
// addition: swapping two adjacent characters costs 2 ("smae" -> "same"), as a single typo.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace padlab {

// The weighted edit distance above.
std::size_t name_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` within the limit (the first of equals, in candidate order),
// or nullopt; a candidate equal to `word` is never suggested.
std::optional<std::string_view> closest_name(std::string_view word, const std::vector<std::string_view>& candidates);

// " Did you mean 'X'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

// An error text ending in its suggestion: "<message>. Did you mean 'X'?", or the message as it
// is when none is close (Keras's own texts stay byte for byte).
std::string with_suggestion(std::string message, std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace padlab
