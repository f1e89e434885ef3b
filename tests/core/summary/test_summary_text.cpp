#include "core/summary/summary_text.hpp"

#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

using padlab::ByteUnits;

TEST_CASE("group_thousands matches Python's {:,}", "[summary_text]") {
    CHECK(padlab::group_thousands(0) == "0");
    CHECK(padlab::group_thousands(999) == "999");
    CHECK(padlab::group_thousands(1000) == "1,000");
    CHECK(padlab::group_thousands(18496) == "18,496");
    CHECK(padlab::group_thousands(15955210) == "15,955,210");
    CHECK(padlab::group_thousands(-1234567) == "-1,234,567");
    CHECK(padlab::group_thousands(std::numeric_limits<std::int64_t>::min()) ==
          "-9,223,372,036,854,775,808");
}

TEST_CASE("readable_memory_size matches Keras's units and rounding", "[summary_text]") {
    CHECK(padlab::readable_memory_size(0, ByteUnits::Keras2) == "0.00 Byte");
    CHECK(padlab::readable_memory_size(0, ByteUnits::Keras3) == "0.00 B");
    CHECK(padlab::readable_memory_size(1023, ByteUnits::Keras3) == "1023.00 B");
    CHECK(padlab::readable_memory_size(1024, ByteUnits::Keras3) == "1.00 KB");
    CHECK(padlab::readable_memory_size(padlab::float32_bytes(15955210), ByteUnits::Keras3) ==
          "60.86 MB");
    CHECK(padlab::readable_memory_size(padlab::float32_bytes(25785610), ByteUnits::Keras2) ==
          "98.36 MB");
    // Past PB Keras keeps dividing no further: 2^60 bytes is 1024.00 PB.
    CHECK(padlab::readable_memory_size(1152921504606846976.0, ByteUnits::Keras3) == "1024.00 PB");
}

TEST_CASE("UTF-8 decoding is lenient and round-trips valid text", "[summary_text]") {
    const std::string text = "conv2d_名前_ü";
    const std::u32string cps = padlab::utf8_to_code_points(text);
    CHECK(cps.size() == 11);
    CHECK(padlab::code_points_to_utf8(cps) == text);
    // A stray continuation byte, a truncated sequence and an overlong form each become U+FFFD.
    CHECK(padlab::utf8_to_code_points("a\x80z") == U"a\uFFFDz");
    CHECK(padlab::utf8_to_code_points("a\xE5\x90") == U"a\uFFFD\uFFFD");
    CHECK(padlab::utf8_to_code_points("\xC0\xAF") == U"\uFFFD\uFFFD");
    CHECK(padlab::code_points_to_utf8(U"\U0001F600") == "\xF0\x9F\x98\x80");
}

TEST_CASE("cell widths follow rich: CJK wide, combining marks zero", "[summary_text]") {
    CHECK(padlab::cell_width(U'a') == 1);
    CHECK(padlab::cell_width(U'名') == 2);
    CHECK(padlab::cell_width(U'レ') == 2);
    CHECK(padlab::cell_width(U'\u0301') == 0);
    CHECK(padlab::cell_width(U'\u2026') == 1);
    CHECK(padlab::cell_len(U"層_レイヤー") == 11);
}

TEST_CASE("is_python_space agrees with str.isspace", "[summary_text]") {
    CHECK(padlab::is_python_space(U' '));
    CHECK(padlab::is_python_space(U'\t'));
    CHECK(padlab::is_python_space(U'\u3000'));
    CHECK(padlab::is_python_space(U'\u2009'));
    CHECK_FALSE(padlab::is_python_space(U'_'));
    CHECK_FALSE(padlab::is_python_space(U'\u200B'));  // zero-width space is not whitespace in Python
}

TEST_CASE("python_str_repr and python_list_repr print as Python's repr and str do", "[summary_text]") {
    using padlab::python_list_repr;
    using padlab::python_str_repr;
    CHECK(python_str_repr("conv2d[0][0]") == "'conv2d[0][0]'");
    CHECK(python_str_repr("it's") == "\"it's\"");
    CHECK(python_str_repr("a'b\"c") == "'a\\'b\"c'");
    CHECK(python_str_repr("back\\slash") == "'back\\\\slash'");
    CHECK(python_str_repr("tab\there\n") == "'tab\\there\\n'");
    CHECK(python_str_repr(std::string("\x01", 1)) == "'\\x01'");
    CHECK(python_str_repr("\u00a0") == "'\\xa0'");
    CHECK(python_str_repr("\u200b") == "'\\u200b'");
    CHECK(python_str_repr("層") == "'層'");  // printable non-ASCII stays as it is
    CHECK(python_list_repr({}) == "[]");
    CHECK(python_list_repr({"a[0][0]", "b[1][0]"}) == "['a[0][0]', 'b[1][0]']");
}
