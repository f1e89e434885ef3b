#pragma once
// Small closed vocabularies by name: each is one table of enum values with their canonical
// name, the aliases also accepted, and a one-line description for help texts. The table of a
// vocabulary is its only spelling: parse, to_string, the list of names the CLI's help and
// validation print and the list the wasm module hands to JavaScript all read it.
//
// The owners: PadMode (core/base/pad_mode.hpp), padding names and window ops
// (core/ops/conv_arithmetic.hpp), activations (core/ops/activation.hpp), summary styles and
// Keras 2 eras (core/summary/summary_style.hpp).
// By convention the first entry is the default.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/errors.hpp"
#include "core/base/suggest.hpp"

namespace padlab {

// How a vocabulary compares names: Keras lower-cases padding names, PadLab accepts any case
// for pad modes; summary styles and eras are exact.
enum class NameCase { Exact, Insensitive };

bool same_name(std::string_view a, std::string_view b, NameCase match);

// "A, B and C": names joined for prose, the last two by `last_joiner`.
std::string joined_names(const std::vector<std::string_view>& names, std::string_view last_joiner = ", ");
// "'A', 'B' or 'C'": names quoted and joined as error messages list them.
std::string quoted_choices(const std::vector<std::string_view>& names, std::string_view last_joiner = " or ");

template <class E>
struct NamedValue {
    E value;
    std::string_view name;                    // canonical: what to_string returns
    std::vector<std::string_view> aliases{};  // also accepted by find
    std::string_view description{};           // one line, for help texts
};

template <class E>
class NameTable {
public:
    NameTable(NameCase match, std::vector<NamedValue<E>> entries) : match_(match), entries_(std::move(entries)) {}

    NameCase match() const { return match_; }
    const std::vector<NamedValue<E>>& entries() const { return entries_; }

    // Canonical names in table order (the first is the default).
    std::vector<std::string_view> names() const {
        std::vector<std::string_view> out;
        for (const auto& e : entries_) out.push_back(e.name);
        return out;
    }

    // The entry a name or alias denotes, or nullptr.
    const NamedValue<E>* find(std::string_view text) const {
        for (const auto& e : entries_) {
            if (same_name(e.name, text, match_)) return &e;
            for (std::string_view alias : e.aliases)
                if (same_name(alias, text, match_)) return &e;
        }
        return nullptr;
    }

    std::optional<E> parse(std::string_view text) const {
        const NamedValue<E>* e = find(text);
        return e ? std::optional<E>(e->value) : std::nullopt;
    }

    // parse(), or ArgumentError "<what> must be 'a', 'b' or 'c', got '<text>'." and, for a
    // near miss, " Did you mean 'b'?".
    E require(std::string_view text, std::string_view what) const {
        if (const NamedValue<E>* e = find(text)) return e->value;
        throw ArgumentError(with_suggestion(std::string(what) + " must be " + quoted_choices(names()) + ", got '" +
                                                std::string(text) + "'",
                                            text, names()));
    }

    // The canonical name of a value ("unknown" for a value the table does not name).
    std::string_view name(E value) const {
        for (const auto& e : entries_)
            if (e.value == value) return e.name;
        return "unknown";
    }

    // "constant (or zeros), reflect, ...": every name with its aliases, for help and error texts.
    std::string listing() const {
        std::string out;
        for (const auto& e : entries_) {
            if (!out.empty()) out += ", ";
            out += e.name;
            for (std::size_t i = 0; i < e.aliases.size(); ++i) out += (i == 0 ? " (or " : ", ") + std::string(e.aliases[i]);
            if (!e.aliases.empty()) out += ")";
        }
        return out;
    }

private:
    NameCase match_;
    std::vector<NamedValue<E>> entries_;
};

}  // namespace padlab
