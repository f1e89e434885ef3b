#include "core/import/python_lexer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/base/errors.hpp"
#include "core/import/source_text.hpp"

namespace padlab::importer {

namespace {

bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string code_point_name(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// Typographic quotes: 1 = single (‘ ’), 2 = double (“ ”), 0 = not a quote.
int curly_quote_class(char32_t cp) {
    if (cp == 0x2018 || cp == 0x2019) return 1;
    if (cp == 0x201C || cp == 0x201D) return 2;
    return 0;
}

const char* const kOps3[] = {"**=", "//=", ">>=", "<<=", "..."};
const char* const kOps2[] = {"**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=",
                             "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>"};
const char kOps1[] = "()[]{},:.;=+-*/%@<>&|^~";

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}
    // A fragment: s[begin, s.size()) starting at (line, column), read as if inside brackets.
    Lexer(std::string_view s, std::size_t begin, int line, int column)
        : s_(s), i_(begin), line_(line), col_(column), fragment_(true) {}

    std::vector<Token> run() {
        while (i_ < s_.size()) step();
        if (!brackets_.empty()) {
            const Open& o = brackets_.back();
            throw ParseError(std::string("'") + o.c + "' was never closed", {"", o.line, o.column});
        }
        Token end = start(TokenKind::End);
        if (line_has_tokens_ && !fragment_) {
            Token nl = end;
            nl.kind = TokenKind::Newline;
            out_.push_back(nl);
        }
        for (std::size_t k = 1; k < indents_.size(); ++k) {  // close the blocks still open
            Token d = end;
            d.kind = TokenKind::Dedent;
            out_.push_back(d);
        }
        out_.push_back(end);
        return std::move(out_);
    }

private:
    struct Open {
        char c;
        int line;
        int column;
    };

    std::string_view s_;
    std::size_t i_ = 0;
    int line_ = 1;
    int col_ = 1;
    std::vector<Token> out_;
    std::vector<Open> brackets_;
    bool line_has_tokens_ = false;
    bool fragment_ = false;
    std::vector<int> indents_;  // widths of the open blocks; [0] is the snippet's base level

    char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

    // Consumes one byte, keeping line/column (columns count code points; "\r\n" is one break).
    void bump() {
        const unsigned char c = static_cast<unsigned char>(s_[i_]);
        if (c == '\n' || (c == '\r' && at(i_ + 1) != '\n')) {
            ++line_;
            col_ = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            ++col_;
        }
        ++i_;
    }
    void bump(std::size_t n) {
        for (std::size_t k = 0; k < n && i_ < s_.size(); ++k) bump();
    }

    [[noreturn]] void fail(const std::string& message, int line, int column) const {
        throw ParseError(message, {"", line, column});
    }
    [[noreturn]] void fail_here(const std::string& message) const { fail(message, line_, col_); }

    Token start(TokenKind kind) const {
        Token t;
        t.kind = kind;
        t.line = line_;
        t.column = col_;
        t.begin = i_;
        t.end = i_;
        return t;
    }
    void emit(Token t) {
        t.end = i_;
        if (!line_has_tokens_ && brackets_.empty() && !fragment_) indent(t);
        out_.push_back(std::move(t));
        line_has_tokens_ = true;
    }

    // The first token of a logical line: its indentation opens or closes blocks.
    void indent(const Token& first) {
        std::size_t ls = first.begin;
        while (ls > 0 && s_[ls - 1] != '\n' && s_[ls - 1] != '\r') --ls;
        int width = 0;
        for (std::size_t k = ls; k < first.begin;) {
            const char c = s_[k];
            if (c == ' ') {
                ++width;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else if (c == '\f') {
                width = 0;
            } else if (const std::size_t n = unicode_blank_length(s_, k)) {
                if (utf8_decode(s_, k) != 0xFEFF) ++width;  // a byte-order mark has no width
                k += n;
                continue;
            } else {
                break;  // a line continued with a backslash: not indentation
            }
            ++k;
        }
        Token mark = first;
        mark.end = mark.begin;
        mark.text.clear();
        mark.parts.clear();
        if (indents_.empty()) {
            indents_.push_back(width);
            return;
        }
        if (width > indents_.back()) {
            if (indents_.size() > static_cast<std::size_t>(kMaxNesting)) {
                fail("too many levels of indentation", first.line, first.column);
            }
            indents_.push_back(width);
            mark.kind = TokenKind::Indent;
            out_.push_back(mark);
            return;
        }
        while (!indents_.empty() && width < indents_.back()) {
            indents_.pop_back();
            mark.kind = TokenKind::Dedent;
            out_.push_back(mark);
        }
        if (indents_.empty() || width != indents_.back()) {
            fail("unindent does not match any outer indentation level", first.line, first.column);
        }
    }

    void skip_to_line_end() {
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') bump();
    }

    void step() {
        const char c = s_[i_];
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            bump();
            return;
        }
        if (const std::size_t n = unicode_blank_length(s_, i_)) {
            bump(n);
            return;
        }
        if (c == '\n' || c == '\r') {
            Token nl = start(TokenKind::Newline);
            bump(c == '\r' && at(i_ + 1) == '\n' ? 2 : 1);
            if (brackets_.empty() && line_has_tokens_ && !fragment_) {
                nl.end = i_;
                out_.push_back(nl);
                line_has_tokens_ = false;
            }
            return;
        }
        if (c == '#') {
            skip_to_line_end();
            return;
        }
        if (c == '\\') {
            const char n = at(i_ + 1);
            if (n == '\n' || n == '\r') {
                bump();  // the backslash
                bump(n == '\r' && at(i_ + 1) == '\n' ? 2 : 1);
                return;
            }
            if (i_ + 1 >= s_.size()) fail_here("unexpected end of file after line continuation character");
            fail_here("unexpected character after line continuation character");
        }
        if ((c == '%' || c == '!') && brackets_.empty() && !line_has_tokens_ && !fragment_) {
            skip_to_line_end();  // IPython magic / shell escape: not Python, not the model
            return;
        }
        if (is_ident_start(c)) {
            lex_name_or_prefixed_string();
            return;
        }
        if (is_digit(c) || (c == '.' && is_digit(at(i_ + 1)))) {
            lex_number();
            return;
        }
        if (c == '\'' || c == '"') {
            lex_string(start(TokenKind::String), false, false);
            return;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            if (utf8_sequence_length(s_, i_) == 0) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
                fail_here(std::string("invalid UTF-8 byte ") + buf);
            }
            const char32_t cp = utf8_decode(s_, i_);
            if (curly_quote_class(cp)) {
                lex_string(start(TokenKind::String), false, false);
                return;
            }
            fail_here("invalid character '" + std::string(s_.substr(i_, utf8_sequence_length(s_, i_))) +
                      "' (" + code_point_name(cp) + ")");
        }
        lex_op();
    }

    void lex_name_or_prefixed_string() {
        Token t = start(TokenKind::Name);
        std::size_t j = i_;
        while (j < s_.size() && is_ident_char(s_[j])) ++j;
        const std::string word(s_.substr(i_, j - i_));
        const char q = at(j);
        bool quote_follows = q == '\'' || q == '"';
        if (!quote_follows && static_cast<unsigned char>(q) >= 0x80 && utf8_sequence_length(s_, j) > 1) {
            quote_follows = curly_quote_class(utf8_decode(s_, j)) != 0;
        }
        if (quote_follows && word.size() <= 2) {
            bool raw = false, fstr = false, ok = true;
            for (const char p : word) {
                const char l = static_cast<char>(p | 0x20);
                if (l == 'r') raw = true;
                else if (l == 'f') fstr = true;
                else if (l != 'b' && l != 'u') ok = false;
            }
            if (ok) {
                Token st = start(TokenKind::String);
                bump(word.size());
                lex_string(std::move(st), raw, fstr);
                return;
            }
        }
        bump(word.size());
        t.text = word;
        emit(std::move(t));
    }

    void lex_number() {
        Token t = start(TokenKind::Int);
        const std::size_t b = i_;
        std::string digits;  // without underscores
        const auto take_digits = [&](auto is_ok) {
            while (i_ < s_.size() && (is_ok(s_[i_]) || (s_[i_] == '_' && is_ok(at(i_ + 1))))) {
                if (s_[i_] != '_') digits += s_[i_];
                bump();
            }
        };
        const char radix = static_cast<char>(at(i_ + 1) | 0x20);  // lower-cased
        if (s_[i_] == '0' && (radix == 'x' || radix == 'o' || radix == 'b')) {
            const char kind = radix;
            const int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            bump(2);
            if (at(i_) == '_') bump();
            take_digits([base](char d) { const int v = hex_value(d); return v >= 0 && v < base; });
            if (digits.empty()) fail(std::string("invalid ") + (base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary") + " literal", t.line, t.column);
            std::uint64_t v = 0;
            for (const char d : digits) {
                const std::uint64_t next = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(hex_value(d));
                if (v > (std::uint64_t(std::numeric_limits<std::int64_t>::max()) - hex_value(d)) / base) {
                    fail("integer literal too large (PadLab integers are 64-bit)", t.line, t.column);
                }
                v = next;
            }
            t.int_value = static_cast<std::int64_t>(v);
        } else {
            take_digits(is_digit);
            bool is_float = false;
            if (at(i_) == '.') {
                is_float = true;
                digits += '.';
                bump();
                take_digits(is_digit);
            }
            if ((at(i_) | 0x20) == 'e' &&
                (is_digit(at(i_ + 1)) || ((at(i_ + 1) == '+' || at(i_ + 1) == '-') && is_digit(at(i_ + 2))))) {
                is_float = true;
                digits += 'e';
                bump();
                if (s_[i_] == '+' || s_[i_] == '-') {
                    digits += s_[i_];
                    bump();
                }
                take_digits(is_digit);
            }
            if ((at(i_) | 0x20) == 'j') fail("complex numbers are not supported", t.line, t.column);
            if (is_float) {
                t.kind = TokenKind::Float;
                t.float_value = std::strtod(digits.c_str(), nullptr);
            } else {
                if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos) {
                    fail("leading zeros in decimal integer literals are not permitted", t.line, t.column);
                }
                std::int64_t v = 0;
                for (const char d : digits) {
                    if (v > (std::numeric_limits<std::int64_t>::max() - (d - '0')) / 10) {
                        fail("integer literal too large (PadLab integers are 64-bit)", t.line, t.column);
                    }
                    v = v * 10 + (d - '0');
                }
                t.int_value = v;
            }
        }
        if (is_ident_char(at(i_)) || at(i_) == '.') {
            fail("invalid " + std::string(t.kind == TokenKind::Float ? "decimal" : "number") +
                     " literal '" + std::string(s_.substr(b, i_ - b + 1)) + "'", t.line, t.column);
        }
        t.text = std::string(s_.substr(b, i_ - b));
        emit(std::move(t));
    }

    // At the opening quote (ASCII or typographic); prefixes already consumed.
    void lex_string(Token t, bool raw, bool fstr) {
        t.fstring = fstr;
        int curly = 0;
        char q = s_[i_];
        bool triple = false;
        if (q == '\'' || q == '"') {
            if (at(i_ + 1) == q && at(i_ + 2) == q) {
                triple = true;
                bump(3);
            } else {
                bump();
            }
        } else {
            curly = curly_quote_class(utf8_decode(s_, i_));
            bump(utf8_sequence_length(s_, i_));
        }
        std::string value;
        std::string literal;  // an f-string's literal text, without its fields
        const auto flush = [&] {
            if (value.empty()) return;
            FStringPart part;
            part.text = value;
            t.parts.push_back(std::move(part));
            literal += value;
            value.clear();
        };
        for (;;) {
            if (i_ >= s_.size()) {
                fail(triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
                     t.line, t.column);
            }
            const char c = s_[i_];
            if (!triple && (c == '\n' || c == '\r')) fail("unterminated string literal", t.line, t.column);
            if (curly == 0 && c == q) {
                if (!triple) {
                    bump();
                    break;
                }
                if (at(i_ + 1) == q && at(i_ + 2) == q) {
                    bump(3);
                    break;
                }
            }
            if (fstr && (c == '{' || c == '}')) {
                if (at(i_ + 1) == c) {  // {{ and }} are literal braces
                    value += c;
                    bump(2);
                    continue;
                }
                if (c == '}') fail_here("f-string: single '}' is not allowed");
                flush();
                t.parts.push_back(fstring_field(t, curly ? '\0' : q, triple));
                continue;
            }
            if (static_cast<unsigned char>(c) >= 0x80) {
                const std::size_t n = utf8_sequence_length(s_, i_);
                if (n == 0) fail_here("invalid UTF-8 in string literal");
                if (curly != 0 && curly_quote_class(utf8_decode(s_, i_)) == curly) {
                    bump(n);
                    break;
                }
                value.append(s_.substr(i_, n));
                bump(n);
                continue;
            }
            if (c == '\\') {
                lex_escape(value, raw);
                continue;
            }
            value += c;
            bump();
        }
        if (fstr) {
            flush();
            value = std::move(literal);
        }
        t.text = std::move(value);
        emit(std::move(t));
    }

    // At the '{' of an f-string replacement field: {expression[!conversion][:spec]}. The
    // expression is only delimited here (brackets and nested strings skipped); the parser reads
    // it with tokenize_python_fragment. `q`: the string's quote character (0 for typographic).
    FStringPart fstring_field(const Token& t, char q, bool triple) {
        const auto unterminated = [&]() { fail("f-string: expecting '}'", t.line, t.column); };
        bump();  // '{'
        FStringPart f;
        f.field = true;
        f.begin = i_;
        f.line = line_;
        f.column = col_;
        int depth = 0;
        char quote = 0;
        for (;;) {
            if (i_ >= s_.size()) unterminated();
            const char c = s_[i_];
            if (!triple && (c == '\n' || c == '\r')) unterminated();
            if (quote) {  // a string inside the expression: f"{d['key']}"
                if (c == '\\') bump();
                else if (c == quote) quote = 0;
                if (i_ < s_.size()) bump();
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                bump();
                continue;
            }
            if (c == '\\') fail_here("f-string expression part cannot include a backslash");
            if (c == '#') fail_here("f-string expression part cannot include '#'");
            if (depth == 0) {
                if (c == '}' || c == ':' || (c == '!' && at(i_ + 1) != '=')) break;
                const char before = i_ > f.begin ? s_[i_ - 1] : '\0';
                if (c == '=' && at(i_ + 1) != '=' && before != '=' && before != '!' && before != '<' && before != '>') {
                    fail_here("f-string '=' specifiers (f\"{x=}\") are not part of PadLab's Python subset");
                }
            }
            if (c == '(' || c == '[' || c == '{') ++depth;
            if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
            bump();
        }
        f.end = i_;
        bool blank = true;
        for (std::size_t k = f.begin; k < f.end; ++k) {
            const char c = s_[k];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
        }
        if (blank) fail("f-string: empty expression not allowed", t.line, t.column);
        if (s_[i_] == '!') {
            bump();
            const char conv = at(i_);
            if (conv != 'r' && conv != 's' && conv != 'a') {
                fail_here("f-string: invalid conversion character: expected 's', 'r', or 'a'");
            }
            f.conversion = conv;
            bump();
            if (at(i_) != ':' && at(i_) != '}') fail_here("f-string: expecting '}'");
        }
        if (at(i_) == ':') {
            bump();
            for (;;) {
                if (i_ >= s_.size()) unterminated();
                const char c = s_[i_];
                if (c == '}') break;
                if ((!triple && (c == '\n' || c == '\r')) || (q != '\0' && c == q)) unterminated();
                if (c == '{') {
                    fail_here("nested replacement fields in f-string format specs are not part of "
                              "PadLab's Python subset");
                }
                f.text += c;
                bump();
            }
        }
        bump();  // '}'
        return f;
    }

    void lex_escape(std::string& value, bool raw) {
        const int line = line_, column = col_;
        bump();  // the backslash
        if (i_ >= s_.size()) return;  // the unterminated-string check reports it
        const char e = s_[i_];
        if (raw) {
            // r"\'" keeps both characters; a raw string still cannot end in an odd backslash.
            value += '\\';
            if (e == '\n' || e == '\r' || static_cast<unsigned char>(e) >= 0x80) return;
            value += e;
            bump();
            return;
        }
        const auto hex_escape = [&](int digits, const char* what) {
            char32_t cp = 0;
            for (int k = 0; k < digits; ++k) {
                const int v = hex_value(at(i_ + 1 + static_cast<std::size_t>(k)));
                if (v < 0) fail(std::string("truncated ") + what + " escape", line, column);
                cp = cp * 16 + static_cast<char32_t>(v);
            }
            bump(static_cast<std::size_t>(digits) + 1);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail("escape " + code_point_name(cp) + " is not a valid Unicode character", line, column);
            }
            append_utf8(value, cp);
        };
        switch (e) {
            case '\n': bump(); return;
            case '\r': bump(at(i_ + 1) == '\n' ? 2 : 1); return;
            case '\\': value += '\\'; break;
            case '\'': value += '\''; break;
            case '"': value += '"'; break;
            case 'a': value += '\a'; break;
            case 'b': value += '\b'; break;
            case 'f': value += '\f'; break;
            case 'n': value += '\n'; break;
            case 'r': value += '\r'; break;
            case 't': value += '\t'; break;
            case 'v': value += '\v'; break;
            case 'x': hex_escape(2, "\\xXX"); return;
            case 'u': hex_escape(4, "\\uXXXX"); return;
            case 'U': hex_escape(8, "\\UXXXXXXXX"); return;
            case 'N': fail("\\N{...} escapes are not supported", line, column);
            default:
                if (e >= '0' && e <= '7') {
                    char32_t cp = 0;
                    int k = 0;
                    while (k < 3 && at(i_) >= '0' && at(i_) <= '7') {
                        cp = cp * 8 + static_cast<char32_t>(at(i_) - '0');
                        bump();
                        ++k;
                    }
                    append_utf8(value, cp);
                    return;
                }
                value += '\\';  // Python keeps unknown escapes as written
                return;         // and the character is read normally next
        }
        bump();
    }

    void lex_op() {
        Token t = start(TokenKind::Op);
        std::size_t len = 0;
        for (const char* op : kOps3) {
            if (s_.substr(i_, 3) == op) len = 3;
        }
        if (len == 0) {
            for (const char* op : kOps2) {
                if (s_.substr(i_, 2) == op) len = 2;
            }
        }
        if (len == 0) {
            const char c = s_[i_];
            for (const char* p = kOps1; *p; ++p) {
                if (*p == c) len = 1;
            }
            if (len == 0) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    fail_here("invalid control character " + code_point_name(static_cast<unsigned char>(c)));
                }
                fail_here(std::string("invalid character '") + c + "'");
            }
        }
        t.text = std::string(s_.substr(i_, len));
        if (len == 1) track_bracket(t.text[0], t.line, t.column);
        bump(len);
        emit(std::move(t));
    }

    void track_bracket(char c, int line, int column) {
        if (c == '(' || c == '[' || c == '{') {
            brackets_.push_back({c, line, column});
            return;
        }
        if (c != ')' && c != ']' && c != '}') return;
        if (brackets_.empty()) fail(std::string("unmatched '") + c + "'", line, column);
        const char open = brackets_.back().c;
        const char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want) {
            std::string msg = std::string("closing parenthesis '") + c +
                              "' does not match opening parenthesis '" + open + "'";
            if (brackets_.back().line != line) msg += " on line " + std::to_string(brackets_.back().line);
            fail(msg, line, column);
        }
        brackets_.pop_back();
    }
};

}  // namespace

std::vector<Token> tokenize_python(std::string_view source) {
    check_source_size(source);
    return Lexer(source).run();
}

std::vector<Token> tokenize_python_fragment(std::string_view source, std::size_t begin, std::size_t end,
                                            int line, int column) {
    end = std::min(end, source.size());
    return Lexer(source.substr(0, end), std::min(begin, end), line, column).run();
}

}  // namespace padlab::importer
