#include "core/import/json_positions.hpp"

#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/source_text.hpp"

namespace padlab::importer {

namespace {

// Offset just past the string literal whose opening quote is at text[i].
std::size_t skip_string(std::string_view text, std::size_t i) {
    ++i;
    while (i < text.size()) {
        if (text[i] == '\\') {
            i += 2;
        } else if (text[i] == '"') {
            return i + 1;
        } else {
            ++i;
        }
    }
    return text.size();
}

struct Frame {
    std::string pointer;
    bool is_object = false;
    std::size_t index = 0;        // arrays: index of the next element
    std::string key;              // objects: most recent key
    bool expect_key = true;       // objects: the next string is a key
};

}  // namespace

JsonPositions::JsonPositions(std::string_view text, int max_depth) {
    std::vector<Frame> stack;
    // The pointer of the value that starts at the next token.
    const auto value_pointer = [&]() -> std::string {
        if (stack.empty()) return "";
        const Frame& f = stack.back();
        return f.is_object ? child(f.pointer, f.key) : child(f.pointer, f.index);
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t end = skip_string(text, i);
            if (!stack.empty() && stack.back().is_object && stack.back().expect_key) {
                const std::string_view raw = text.substr(i, end - i);
                std::string key;
                if (raw.find('\\') == std::string_view::npos) {
                    key = std::string(raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0));
                } else {
                    // Escaped keys are rare: let nlohmann decode them exactly.
                    try {
                        key = nlohmann::json::parse(raw).get<std::string>();
                    } catch (const nlohmann::json::exception&) {
                        key.clear();
                    }
                }
                stack.back().key = std::move(key);
                stack.back().expect_key = false;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            std::string pointer = value_pointer();
            if (static_cast<int>(stack.size()) <= max_depth) offsets_.emplace(pointer, i);
            Frame f;
            f.pointer = std::move(pointer);
            f.is_object = c == '{';
            stack.push_back(std::move(f));
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
        } else if (c == ',') {
            if (!stack.empty()) {
                if (stack.back().is_object) {
                    stack.back().expect_key = true;
                } else {
                    ++stack.back().index;
                }
            }
        }
        ++i;
    }
}

std::size_t JsonPositions::offset(const std::string& pointer) const {
    const auto it = offsets_.find(pointer);
    return it == offsets_.end() ? npos : it->second;
}

void JsonPositions::check_nesting(std::string_view text, int max_nesting) {
    int depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            i = skip_string(text, i);
            continue;
        }
        if (c == '{' || c == '[') {
            if (++depth > max_nesting) {
                const TextPosition p = text_position(text, i);
                throw ParseError("JSON nested deeper than " + std::to_string(max_nesting) +
                                     " levels",
                                 {"", p.line, p.column});
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
        ++i;
    }
}

std::string JsonPositions::child(const std::string& pointer, const std::string& token) {
    std::string out = pointer + "/";
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string JsonPositions::child(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

}  // namespace padlab::importer
