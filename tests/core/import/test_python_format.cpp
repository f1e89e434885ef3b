#include <string>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/python_format.hpp"
#include "tests/core/import/import_test_helpers.hpp"

using namespace padlab;
using namespace padlab::importer;
using padlab::test::expect_error;

// Expected texts are what CPython 3.11 prints for the same format() calls.

TEST_CASE("repr of floats and strings", "[python_format]") {
    CHECK(python_float_repr(0.1) == "0.1");
    CHECK(python_float_repr(1.0) == "1.0");
    CHECK(python_float_repr(-0.0) == "-0.0");
    CHECK(python_float_repr(1e-05) == "1e-05");
    CHECK(python_float_repr(0.0001) == "0.0001");
    CHECK(python_float_repr(1e16) == "1e+16");
    CHECK(python_float_repr(1e15) == "1000000000000000.0");
    CHECK(python_float_repr(123456789012345678.0) == "1.2345678901234568e+17");
    CHECK(python_float_repr(2.5e-300) == "2.5e-300");
    CHECK(python_float_repr(1.0 / 3) == "0.3333333333333333");
    CHECK(python_str_repr("it's") == "\"it's\"");
    CHECK(python_str_repr("a\"b") == "'a\"b'");
    CHECK(python_str_repr("a'b\"c") == "'a\\'b\"c'");
    CHECK(python_str_repr("\n\t\\\x01\u00e9") == "'\\n\\t\\\\\\x01\u00e9'");
}

TEST_CASE("format() of ints", "[python_format]") {
    CHECK(format_int(5, "02d") == "05");
    CHECK(format_int(5, "03") == "005");
    CHECK(format_int(-5, "05") == "-0005");
    CHECK(format_int(1234, "010,") == "00,001,234");
    CHECK(format_int(255, "#x") == "0xff");
    CHECK(format_int(255, "X") == "FF");
    CHECK(format_int(255, "_b") == "1111_1111");
    CHECK(format_int(65, "c") == "A");
    CHECK(format_int(5, "+") == "+5");
    CHECK(format_int(5, " ") == " 5");
    CHECK(format_int(5, "*^7") == "***5***");
    CHECK(format_int(5, "=+5") == "+   5");
    CHECK(format_int(1234567, "_") == "1_234_567");
    CHECK(format_int(-9223372036854775807 - 1, "") == "-9223372036854775808");
    CHECK(format_int(3, ".2f") == "3.00");
    CHECK(format_int(7, "\u00b7>4") == "\u00b7\u00b7\u00b77");
}

TEST_CASE("format() of floats", "[python_format]") {
    CHECK(format_float(123.0, ".3") == "1.23e+02");
    CHECK(format_float(12.0, ".3") == "12.0");
    CHECK(format_float(123.456, ".5") == "123.46");
    CHECK(format_float(0.0001, ".2") == "0.0001");
    CHECK(format_float(1e16, ".3") == "1e+16");
    CHECK(format_float(2.5, "05") == "002.5");
    CHECK(format_float(1234.5, ",.1f") == "1,234.5");
    CHECK(format_float(1234.5, "010,.1f") == "0,001,234.5");
    CHECK(format_float(-1.5, "08.2f") == "-0001.50");
    CHECK(format_float(0.25, "%") == "25.000000%");
    CHECK(format_float(0.25, ".1%") == "25.0%");
    CHECK(format_float(1.0 / 0.0, "F") == "INF");
    CHECK(format_float(1.0 / 0.0, "05") == "00inf");
    CHECK(format_float(1.5, "e") == "1.500000e+00");
    CHECK(format_float(1.5, "+.2E") == "+1.50E+00");
    CHECK(format_float(100.0, "g") == "100");
    CHECK(format_float(1e-07, "g") == "1e-07");
    CHECK(format_float(1234567.0, "g") == "1.23457e+06");
    CHECK(format_float(1.0, "#g") == "1.00000");
    CHECK(format_float(3.0, "#.0f") == "3.");
    CHECK(format_float(0.5, "") == "0.5");
}

TEST_CASE("format() of strings", "[python_format]") {
    CHECK(format_str("ab", "05") == "ab000");
    CHECK(format_str("ab", ">5") == "   ab");
    CHECK(format_str("ab", "^5") == " ab  ");
    CHECK(format_str("abc", ".2") == "ab");
    CHECK(format_str("\u00e9", "*<3") == "\u00e9**");
    CHECK(format_str("x", "") == "x");
}

TEST_CASE("format() errors carry Python's texts", "[python_format]") {
    CHECK(expect_error<ParseError>([] { format_int(1, "xx"); }).message ==
          "Invalid format specifier 'xx' for object of type 'int'");
    CHECK(expect_error<ParseError>([] { format_float(1.5, "d"); }).message ==
          "Unknown format code 'd' for object of type 'float'");
    CHECK(expect_error<ParseError>([] { format_str("a", "d"); }).message == "Unknown format code 'd' for object of type 'str'");
    CHECK(expect_error<ParseError>([] { format_str("a", "+"); }).message == "Sign not allowed in string format specifier");
    CHECK(expect_error<ParseError>([] { format_str("a", "="); }).message ==
          "'=' alignment not allowed in string format specifier");
    CHECK(expect_error<ParseError>([] { format_int(1, ".2"); }).message == "Precision not allowed in integer format specifier");
    CHECK(expect_error<ParseError>([] { format_int(1, ",x"); }).message == "Cannot specify ',' with 'x'.");
    CHECK(expect_error<ParseError>([] { format_int(1, "."); }).message == "Format specifier missing precision");
    CHECK(expect_error<ParseError>([] { format_int(1, ",_"); }).message == "Cannot specify both ',' and '_'.");
    CHECK(expect_error<ParseError>([] { format_int(1, "+c"); }).message == "Sign not allowed with integer format specifier 'c'");
    CHECK(expect_error<LimitError>([] { format_int(1, "20000"); }).message == "format width or precision above 10000");
}
