#pragma once
// Python's text forms of the values the Python subset computes: repr() of floats and strings,
// and format(value, spec) with the format-spec mini-language
// ([[fill]align][sign][#][0][width][,|_][.precision][type]), which f-strings ("{i:02d}") and
// str.format ("{:.1f}") use for layer names. Errors are ParseErrors without a location (the
// caller locates them) carrying Python's ValueError texts.
#include <cstdint>
#include <string>
#include <string_view>

namespace padlab::importer {

// Widths and precisions above this are refused (LimitError): a name is a few dozen characters.
inline constexpr int kMaxFormatWidth = 10000;

// repr(float): the shortest text that reads back the same value ("0.1", "1e-05", "1.0", "inf").
std::string python_float_repr(double v);

// repr(str): quoted as Python quotes it ('a', "it's", 'a\'b"c') with \n, \t, \\ and \xNN escapes.
std::string python_str_repr(std::string_view s);

// format(v, spec) for an int, a float and a str.
std::string format_int(std::int64_t v, std::string_view spec);
std::string format_float(double v, std::string_view spec);
std::string format_str(std::string_view s, std::string_view spec);

}  // namespace padlab::importer
