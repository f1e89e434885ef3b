#pragma once
// Small text helpers shared by the summary renderers: Python's "{:,}" and Keras's
// readable_memory_size, plus UTF-8 <-> code points, because Keras slices and measures
// strings by code point (Python str), not by byte.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace padlab {

// Python f"{n:,}": 15955210 -> "15,955,210".
std::string group_thousands(std::int64_t n);

// Unit names of Keras's readable_memory_size: Keras 2 (tf.keras 2.13+) says "Byte", Keras 3 "B".
enum class ByteUnits { Keras2, Keras3 };

// Keras's readable_memory_size: divide by 1024 while >= 1024, then "{:.2f} {unit}".
// 63820840 -> "60.86 MB"; 0 -> "0.00 Byte" / "0.00 B".
std::string readable_memory_size(double bytes, ByteUnits units);

// Weight memory of float32 parameters, as both Kerases compute it (4 bytes each).
inline double float32_bytes(std::int64_t params) { return static_cast<double>(params) * 4.0; }

// Lenient UTF-8 decoding: each invalid byte becomes U+FFFD, so user-supplied names never throw.
std::u32string utf8_to_code_points(std::string_view text);
std::string code_points_to_utf8(std::u32string_view text);

// Terminal cells a code point occupies, as rich measures it: 2 for East Asian wide/fullwidth
// (rich 13.3's table), 0 for control and common combining/zero-width characters, else 1.
int cell_width(char32_t c);
std::size_t cell_len(std::u32string_view text);

// Python's str.isspace() for one code point (what \s and rstrip() treat as whitespace).
bool is_python_space(char32_t c);

// Python's repr() of a str (UTF-8 in and out): 'conv2d[0][0]', or "it's" when the text has a
// single quote and no double one; backslashes, quotes and non-printable characters escaped.
std::string python_str_repr(std::string_view text);
// Python's str() of a list of str: ['a[0][0]', 'b[0][0]'], and [] when empty.
std::string python_list_repr(const std::vector<std::string>& items);

}  // namespace padlab
