#include "core/import/source_text.hpp"

#include <string>

#include "core/base/errors.hpp"

namespace padlab::importer {

void check_source_size(std::string_view text) {
    if (text.size() > kMaxSourceBytes) {
        throw LimitError("model source is " + std::to_string(text.size()) +
                         " bytes, above the 1 MiB limit");
    }
}

namespace {

// Advances `p` over text[from, to): the one definition of lines and columns.
TextPosition advance(std::string_view text, TextPosition p, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++p.line;
            p.column = 1;
        } else if (c == '\r') {
            // first half of "\r\n": the '\n' ends the line
        } else if ((c & 0xC0) != 0x80) {  // continuation bytes belong to the previous code point
            ++p.column;
        }
    }
    return p;
}

}  // namespace

TextPosition text_position(std::string_view text, std::size_t offset) {
    return advance(text, TextPosition{}, 0, offset > text.size() ? text.size() : offset);
}

TextIndex::TextIndex(std::string_view text) : text_(text) {
    TextPosition p;
    checkpoints_.push_back(p);
    for (std::size_t k = kStride; k <= text.size(); k += kStride) {
        p = advance(text, p, k - kStride, k);
        checkpoints_.push_back(p);
    }
}

TextPosition TextIndex::at(std::size_t offset) const {
    if (offset > text_.size()) offset = text_.size();
    const std::size_t k = offset / kStride;
    return advance(text_, checkpoints_[k], k * kStride, offset);
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    if (i >= text.size()) return 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n;
    char32_t min;
    if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
    else return 0;
    if (i + n > text.size()) return 0;
    char32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

char32_t utf8_decode(std::string_view text, std::size_t i) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n <= 1) return n == 1 ? static_cast<unsigned char>(text[i]) : 0xFFFD;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t unicode_blank_length(std::string_view text, std::size_t i) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n < 2) return 0;
    const char32_t cp = utf8_decode(text, i);
    // U+00AC U+2020 ("¬†") is how U+00A0 looks after a UTF-8 -> Mac Roman mix-up.
    if (cp == 0xAC) {
        const std::size_t m = utf8_sequence_length(text, i + n);
        if (m == 3 && utf8_decode(text, i + n) == 0x2020) return n + m;
        return 0;
    }
    const bool blank = cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
                       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                       cp == 0x3000 || cp == 0xFEFF;
    return blank ? n : 0;
}

std::size_t skip_blank(std::string_view text, std::size_t i) {
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
        } else if (const std::size_t n = unicode_blank_length(text, i)) {
            i += n;
        } else {
            break;
        }
    }
    return i;
}

}  // namespace padlab::importer
