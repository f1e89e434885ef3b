#pragma once
// Tokenizer for the Python subset of import_python.cpp. It follows Python's lexical rules
// where the subset needs them (comments, backslash continuations, implicit continuation
// inside brackets, string prefixes/escapes, numeric literals) and is lenient where
// copy-pasted code differs from what was typed: non-breaking spaces count as blanks,
// typographic quotes (‘…’, “…”) delimit strings, indentation is ignored (the subset has no
// blocks) and IPython lines starting with '%' or '!' are skipped.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace padlab::importer {

enum class TokenKind {
    Name,     // identifiers and keywords
    Int,
    Float,
    String,   // adjacent literals are separate tokens; the parser joins them
    Op,       // operators and punctuation, text = "(", "**", "//=", ...
    Newline,  // end of a logical line (never emitted for blank lines)
    End,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;          // Name/Op: as written; String: decoded value (UTF-8)
    std::int64_t int_value = 0;
    double float_value = 0.0;
    bool fstring = false;      // f"...": refused by the parser (needs evaluation of {...})
    int line = 0;              // 1-based, of the first character
    int column = 0;            // 1-based, in code points
    std::size_t begin = 0;     // byte range in the source
    std::size_t end = 0;
};

// Throws ParseError with line and column ("invalid character '€' (U+20AC)",
// "unterminated string literal", "'(' was never closed", ...). The last token is End.
std::vector<Token> tokenize_python(std::string_view source);

}  // namespace padlab::importer
