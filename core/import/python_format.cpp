#include "core/import/python_format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/base/errors.hpp"
#include "core/import/source_text.hpp"

namespace padlab::importer {

namespace {

struct Spec {
    std::string fill = " ";
    char align = 0;  // '<', '>', '^', '=' or 0 (the type's default)
    bool zero_pad = false;  // '0' before the width, without an explicit alignment
    char sign = 0;   // '+', '-', ' ' or 0
    bool alternate = false;
    int width = 0;
    char grouping = 0;  // ',' or '_' or 0
    int precision = -1;
    char type = 0;
};

bool is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

[[noreturn]] void value_error(const std::string& message) { throw ParseError(message); }

int read_number(std::string_view spec, std::size_t& i) {
    long long n = 0;
    while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9') {
        n = n * 10 + (spec[i] - '0');
        if (n > kMaxFormatWidth) {
            throw LimitError("format width or precision above " + std::to_string(kMaxFormatWidth));
        }
        ++i;
    }
    return static_cast<int>(n);
}

Spec parse_spec(std::string_view spec, const char* type_name) {
    Spec s;
    std::size_t i = 0;
    std::size_t first = spec.empty() ? 0 : utf8_sequence_length(spec, 0);
    if (first == 0) first = 1;
    if (spec.size() > first && is_align(spec[first])) {
        s.fill = std::string(spec.substr(0, first));
        s.align = spec[first];
        i = first + 1;
    } else if (!spec.empty() && is_align(spec[0])) {
        s.align = spec[0];
        i = 1;
    }
    if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) s.sign = spec[i++];
    if (i < spec.size() && spec[i] == '#') {
        s.alternate = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == '0') {  // zero padding: fill '0', sign-aware unless aligned
        if (!s.align) {
            s.fill = "0";
            s.align = '=';
            s.zero_pad = true;
        }
        ++i;
    }
    s.width = read_number(spec, i);
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) {
        s.grouping = spec[i++];
        if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) value_error("Cannot specify both ',' and '_'.");
    }
    if (i < spec.size() && spec[i] == '.') {
        ++i;
        if (i >= spec.size() || spec[i] < '0' || spec[i] > '9') value_error("Format specifier missing precision");
        s.precision = read_number(spec, i);
    }
    if (i < spec.size()) s.type = spec[i++];
    if (i != spec.size()) {
        value_error("Invalid format specifier '" + std::string(spec) + "' for object of type '" + type_name + "'");
    }
    return s;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// Pads `body` (after `prefix`, the sign and base prefix) to the spec's width.
std::string pad(const Spec& s, const std::string& prefix, const std::string& body, char default_align) {
    const std::size_t len = code_points(prefix) + code_points(body);
    const std::size_t width = static_cast<std::size_t>(s.width);
    if (len >= width) return prefix + body;
    const std::size_t n = width - len;
    const auto fill = [&](std::size_t k) {
        std::string out;
        for (std::size_t j = 0; j < k; ++j) out += s.fill;
        return out;
    };
    switch (s.align ? s.align : default_align) {
        case '<': return prefix + body + fill(n);
        case '^': return fill(n / 2) + prefix + body + fill(n - n / 2);
        case '=': return prefix + fill(n) + body;
        default: return fill(n) + prefix + body;
    }
}

// Separators every `every` digits from the right of `digits`.
std::string group(const std::string& digits, char sep, std::size_t every) {
    if (!sep) return digits;
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t k = 0; k < n; ++k) {
        if (k > 0 && (n - k) % every == 0) out += sep;
        out += digits[k];
    }
    return out;
}

std::string sign_of(bool negative, char sign) {
    if (negative) return "-";
    if (sign == '+') return "+";
    if (sign == ' ') return " ";
    return "";
}

// The digits (integer part, grouped, zero-padded the way '0' with grouping pads) and the rest.
std::string grouped_number(const Spec& s, std::string int_part, const std::string& rest,
                           const std::string& prefix, std::size_t every) {
    if (s.grouping && s.fill == "0" && s.align == '=') {
        const std::size_t width = static_cast<std::size_t>(s.width);
        while (prefix.size() + group(int_part, s.grouping, every).size() + rest.size() < width) {
            int_part.insert(int_part.begin(), '0');
        }
    }
    return group(int_part, s.grouping, every) + rest;
}

std::string printf_double(const char* conv, int precision, bool alternate, double v) {
    const std::string fmt = std::string("%") + (alternate ? "#" : "") + ".*" + conv;
    const int n = std::snprintf(nullptr, 0, fmt.c_str(), precision, v);
    std::string out(static_cast<std::size_t>(n) + 1, '\0');
    std::snprintf(&out[0], out.size(), fmt.c_str(), precision, v);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Removes insignificant trailing zeros (and a bare '.') from the significand of `t`.
std::string strip_zeros(const std::string& t) {
    const std::size_t e = t.find_first_of("eE");
    std::string mant = t.substr(0, e);
    const std::string exp = e == std::string::npos ? "" : t.substr(e);
    if (mant.find('.') != std::string::npos) {
        while (!mant.empty() && mant.back() == '0') mant.pop_back();
        if (!mant.empty() && mant.back() == '.') mant.pop_back();
    }
    return mant + exp;
}

// |v| with a precision, for the float types (v finite and non-negative).
std::string float_body(double v, const Spec& s) {
    const char type = s.type;
    const int p = s.precision < 0 ? 6 : s.precision;
    if (type == 'f' || type == 'F') return printf_double("f", p, s.alternate, v);
    if (type == 'e' || type == 'E') return printf_double(type == 'e' ? "e" : "E", p, s.alternate, v);
    if (type == '%') return printf_double("f", p, s.alternate, v * 100.0) + "%";
    if (type == 'g' || type == 'G' || type == 'n') return printf_double(type == 'G' ? "G" : "g", p, s.alternate, v);
    // No type with a precision: 'g'-like, scientific from exponent p - 1, and fixed-point
    // notation keeps a digit after the point.
    const int digits = p == 0 ? 1 : p;
    const std::string sci = printf_double("e", digits - 1, false, v);
    const int exp = std::atoi(sci.c_str() + sci.find('e') + 1);
    if (exp >= -4 && exp < digits - 1) {
        std::string fixed = strip_zeros(printf_double("f", digits - 1 - exp, false, v));
        if (fixed.find('.') == std::string::npos) fixed += ".0";
        return fixed;
    }
    return strip_zeros(sci);
}

}  // namespace

std::string python_float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    // The shortest %e precision that reads back exactly.
    std::string sci;
    for (int p = 0; p <= 17; ++p) {
        sci = printf_double("e", p, false, v);
        if (std::strtod(sci.c_str(), nullptr) == v) break;
    }
    const bool negative = sci[0] == '-';
    const std::size_t e = sci.find('e');
    std::string digits;
    for (std::size_t k = negative ? 1 : 0; k < e; ++k) {
        if (sci[k] != '.') digits += sci[k];
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const int exp = std::atoi(sci.c_str() + e + 1);
    const int point = exp + 1;  // digits before the decimal point
    std::string out = negative ? "-" : "";
    if (point <= -4 || point > 16) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char buf[16];
        std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return out + buf;
    }
    if (point <= 0) return out + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    if (static_cast<std::size_t>(point) >= digits.size()) {
        return out + digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
    }
    return out + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

std::string python_str_repr(std::string_view s) {
    const bool single = s.find('\'') != std::string_view::npos;
    const bool dbl = s.find('"') != std::string_view::npos;
    const char q = single && !dbl ? '"' : '\'';
    std::string out(1, q);
    for (const char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == q || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + q;
}

std::string format_int(std::int64_t v, std::string_view spec) {
    const Spec s = parse_spec(spec, "int");
    const char t = s.type;
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
        return format_float(static_cast<double>(v), spec);
    }
    int base = 10;
    if (t == 'b') base = 2;
    else if (t == 'o') base = 8;
    else if (t == 'x' || t == 'X') base = 16;
    else if (t != 0 && t != 'd' && t != 'n' && t != 'c') {
        value_error(std::string("Unknown format code '") + t + "' for object of type 'int'");
    }
    if (s.precision >= 0) value_error("Precision not allowed in integer format specifier");
    if (s.grouping == ',' && base != 10) value_error(std::string("Cannot specify ',' with '") + t + "'.");
    const bool negative = v < 0;
    std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    if (t == 'c') {
        if (s.sign) value_error("Sign not allowed with integer format specifier 'c'");
        if (negative || mag > 0x10FFFF || (mag >= 0xD800 && mag <= 0xDFFF)) {
            value_error("%c arg not in range(0x110000)");
        }
        std::string ch;
        append_utf8(ch, static_cast<char32_t>(mag));
        return pad(s, "", ch, '<');
    }
    const char* alphabet = t == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string digits;
    do {
        digits.insert(digits.begin(), alphabet[mag % static_cast<std::uint64_t>(base)]);
        mag /= static_cast<std::uint64_t>(base);
    } while (mag > 0);
    std::string prefix = sign_of(negative, s.sign);
    if (s.alternate && base != 10) prefix += t == 'b' ? "0b" : t == 'o' ? "0o" : t == 'X' ? "0X" : "0x";
    return pad(s, prefix, grouped_number(s, digits, "", prefix, base == 10 ? 3 : 4), '>');
}

std::string format_float(double v, std::string_view spec) {
    const Spec s = parse_spec(spec, "float");
    const char t = s.type;
    if (t != 0 && t != 'e' && t != 'E' && t != 'f' && t != 'F' && t != 'g' && t != 'G' && t != '%' && t != 'n') {
        value_error(std::string("Unknown format code '") + t + "' for object of type 'float'");
    }
    if (s.grouping == '_' && t == 'n') value_error("Cannot specify '_' with 'n'.");
    const bool negative = std::signbit(v) && !std::isnan(v);
    const double mag = std::fabs(v);
    const std::string prefix = sign_of(negative, s.sign);
    std::string body;
    if (!std::isfinite(mag)) {
        body = std::isnan(mag) ? "nan" : "inf";
        if (t == 'E' || t == 'F' || t == 'G') body = std::isnan(mag) ? "NAN" : "INF";
        if (t == '%') body += "%";
        return pad(s, prefix, body, '>');
    }
    body = t == 0 && s.precision < 0 ? python_float_repr(mag) : float_body(mag, s);
    // Group the integer digits: up to the first character that is not a digit.
    std::size_t k = 0;
    while (k < body.size() && body[k] >= '0' && body[k] <= '9') ++k;
    return pad(s, prefix, grouped_number(s, body.substr(0, k), body.substr(k), prefix, 3), '>');
}

std::string format_str(std::string_view str, std::string_view spec) {
    const Spec s = parse_spec(spec, "str");
    if (s.type != 0 && s.type != 's') {
        value_error(std::string("Unknown format code '") + s.type + "' for object of type 'str'");
    }
    if (s.sign) value_error("Sign not allowed in string format specifier");
    if (s.alternate) value_error("Alternate form (#) not allowed in string format specifier");
    if (s.grouping) value_error(std::string("Cannot specify '") + s.grouping + "' with 's'.");
    if (s.align == '=' && !s.zero_pad) value_error("'=' alignment not allowed in string format specifier");
    Spec plain = s;
    if (s.zero_pad) plain.align = '<';  // '0' without an alignment pads a string on the right
    std::string text(str);
    if (s.precision >= 0) {  // at most `precision` code points
        std::size_t cps = 0, k = 0;
        while (k < text.size() && cps < static_cast<std::size_t>(s.precision)) {
            ++k;
            while (k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) ++k;
            ++cps;
        }
        text.resize(k);
    }
    return pad(plain, "", text, '<');
}

}  // namespace padlab::importer
