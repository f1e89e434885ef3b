#include <string>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/source_text.hpp"

using namespace padlab;
using namespace padlab::importer;

TEST_CASE("text_position counts lines and code-point columns", "[source_text]") {
    const std::string text = "ab\ncd\r\nxy\rz\u00e9q";
    CHECK(text_position(text, 0).line == 1);
    CHECK(text_position(text, 1).column == 2);
    CHECK(text_position(text, 3).line == 2);            // 'c'
    CHECK(text_position(text, 7).line == 3);            // 'x' after "\r\n"
    CHECK(text_position(text, 10).line == 4);           // 'z' after a lone '\r'
    CHECK(text_position(text, 11).column == 2);         // 'é' (two bytes)
    CHECK(text_position(text, 13).column == 3);         // 'q': one column for 'é'
    CHECK(text_position(text, 999).column == 4);        // clamped to the end
}

TEST_CASE("utf8_sequence_length accepts well-formed UTF-8 only", "[source_text]") {
    CHECK(utf8_sequence_length("a", 0) == 1);
    CHECK(utf8_sequence_length("\u00a0", 0) == 2);
    CHECK(utf8_sequence_length("\u2020", 0) == 3);
    CHECK(utf8_sequence_length("\U0001F600", 0) == 4);
    CHECK(utf8_sequence_length("\xC0\x80", 0) == 0);      // overlong NUL
    CHECK(utf8_sequence_length("\xED\xA0\x80", 0) == 0);  // surrogate
    CHECK(utf8_sequence_length("\xE2\x80", 0) == 0);      // truncated
    CHECK(utf8_decode("\u00e9", 0) == 0xE9);
}

TEST_CASE("unicode blanks: no-break spaces, BOM and the seed's mangled \"¬†\"", "[source_text]") {
    CHECK(unicode_blank_length("\u00a0x", 0) == 2);
    CHECK(unicode_blank_length("\u202f", 0) == 3);
    CHECK(unicode_blank_length("\xEF\xBB\xBF", 0) == 3);
    CHECK(unicode_blank_length("\u00ac\u2020", 0) == 5);
    CHECK(unicode_blank_length("\u00ac", 0) == 0);        // '¬' alone is not blank
    CHECK(unicode_blank_length("\u00e9", 0) == 0);
    CHECK(unicode_blank_length(" ", 0) == 0);             // ASCII is the caller's business
    CHECK(skip_blank("\xEF\xBB\xBF \t\u00a0\n{") == 8);
    CHECK(skip_blank("   ") == 3);
}

TEST_CASE("check_source_size refuses more than 1 MiB", "[source_text]") {
    CHECK_NOTHROW(check_source_size(std::string(kMaxSourceBytes, 'x')));
    CHECK_THROWS_AS(check_source_size(std::string(kMaxSourceBytes + 1, 'x')), LimitError);
}

TEST_CASE("TextIndex agrees with text_position across its 4 KiB checkpoints", "[source_text]") {
    // Lines of varied length with "\r\n", lone '\r' and multi-byte characters, so that
    // checkpoints fall inside "\r\n" pairs and UTF-8 sequences.
    std::string text;
    for (int i = 0; text.size() < 20000; ++i) {
        text += std::string(static_cast<std::size_t>(i % 37), 'x') + "\u00e9\u2020";
        text += (i % 3 == 0) ? "\r\n" : (i % 3 == 1) ? "\r" : "\n";
    }
    const TextIndex index(text);
    for (std::size_t off = 0; off <= text.size() + 5; off += 7) {
        const TextPosition a = text_position(text, off);
        const TextPosition b = index.at(off);
        REQUIRE(a.line == b.line);
        REQUIRE(a.column == b.column);
    }
}

TEST_CASE("append_utf8 encodes what utf8_decode decodes", "[source_text]") {
    std::string s;
    for (const char32_t cp : {U'A', U'\u00e9', U'\u20ac', U'\U0001F600', U'\U0010FFFF'}) append_utf8(s, cp);
    CHECK(s == "A\u00e9\u20ac\U0001F600\U0010FFFF");
    CHECK(utf8_decode(s, 1) == 0xE9);
    CHECK(utf8_decode(s, 3) == 0x20AC);
    CHECK(utf8_decode(s, 6) == 0x1F600);
}
