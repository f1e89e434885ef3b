#pragma once
// Facts about model source text shared by the importers: the size cap, how a byte offset
// becomes the line/column users see, and which Unicode characters count as blank.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace padlab::importer {

// Model sources above this are refused with a LimitError before any parsing
// (a pasted model is a few KiB; this keeps fuzzed or accidental inputs cheap).
inline constexpr std::size_t kMaxSourceBytes = std::size_t(1) << 20;

// Containers/expressions nested deeper than this are refused with a ParseError, so that
// no recursive walk (ours, or a later copy of the config) can exhaust the stack.
inline constexpr int kMaxNesting = 100;

// Throws LimitError when text is larger than kMaxSourceBytes.
void check_source_size(std::string_view text);

struct TextPosition {
    int line = 1;    // 1-based
    int column = 1;  // 1-based, counted in Unicode code points (what an editor shows)
};

// Line and column of the byte at `offset` (clamped to the end of the text).
// "\r\n", "\n" and a lone "\r" each end a line.
TextPosition text_position(std::string_view text, std::size_t offset);

// text_position for many offsets of one text: checkpoints every 4 KiB keep each lookup
// short, so locating every layer of a large one-line model.json stays linear overall.
class TextIndex {
public:
    explicit TextIndex(std::string_view text);
    TextPosition at(std::size_t offset) const;

private:
    static constexpr std::size_t kStride = 4096;
    std::string_view text_;
    std::vector<TextPosition> checkpoints_;  // position of byte k * kStride
};

// Length in bytes of the UTF-8 sequence starting at text[i] when it is well formed
// (no overlongs, no surrogates, at most U+10FFFF); 0 when it is not.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Decodes the well-formed sequence at text[i] (see utf8_sequence_length).
char32_t utf8_decode(std::string_view text, std::size_t i);

// Appends the UTF-8 encoding of the code point `cp` (at most U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// Bytes of blank "space" at text[i] beyond ASCII: copy-pasting code from a web page brings
// non-breaking spaces (U+00A0) and friends, and the seed blog even shows U+00A0 mangled into
// "¬†" (UTF-8 read as Mac Roman). Returns 0 when text[i] does not start such a blank.
std::size_t unicode_blank_length(std::string_view text, std::size_t i);

// Skips ASCII whitespace, a leading UTF-8 byte-order mark and unicode blanks; returns the
// offset of the first other byte (text.size() when there is none).
std::size_t skip_blank(std::string_view text, std::size_t i = 0);

}  // namespace padlab::importer
