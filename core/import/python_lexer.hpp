#pragma once
// Tokenizer for the Python subset of import_python.cpp. It follows Python's lexical rules
// where the subset needs them (comments, backslash continuations, implicit continuation
// inside brackets, string prefixes/escapes, numeric literals) and is lenient where
// copy-pasted code differs from what was typed: non-breaking spaces count as blanks,
// typographic quotes (‘…’, “…”) delimit strings, a uniform indentation of the whole snippet
// (code pasted out of a function or a notebook cell) is the base level, and IPython lines
// starting with '%' or '!' are skipped. Indentation becomes Indent/Dedent tokens as in
// Python's tokenizer (a tab advances to the next multiple of 8, a non-breaking space counts 1).
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
    Indent,   // before the first token of a line indented deeper than the enclosing block
    Dedent,   // before the first token of a line that closes a block (one per closed block)
    End,
};

// One piece of an f-string: literal text, or a replacement field {expression!conversion:spec}.
struct FStringPart {
    bool field = false;
    std::string text;                 // literal: the decoded text; field: the format spec as written
    std::size_t begin = 0, end = 0;   // field: byte range of the expression in the source
    int line = 0, column = 0;         // field: position of the expression's first character
    char conversion = 0;              // field: 'r', 's', 'a', or 0 for none
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;          // Name/Op: as written; String: decoded value (UTF-8)
    std::int64_t int_value = 0;
    double float_value = 0.0;
    bool fstring = false;      // f"...": `parts` holds its literal text and replacement fields
    std::vector<FStringPart> parts;
    int line = 0;              // 1-based, of the first character
    int column = 0;            // 1-based, in code points
    std::size_t begin = 0;     // byte range in the source
    std::size_t end = 0;
};

// Throws ParseError with line and column ("invalid character '€' (U+20AC)",
// "unterminated string literal", "'(' was never closed", ...). The last token is End.
std::vector<Token> tokenize_python(std::string_view source);

// The tokens of source[begin, end) read as an expression inside brackets (an f-string's
// replacement field): line breaks are blanks, there is no indentation, and positions
// (line, column, byte offsets) are those of the whole source, starting at (line, column).
// The last token is End.
std::vector<Token> tokenize_python_fragment(std::string_view source, std::size_t begin, std::size_t end,
                                            int line, int column);

}  // namespace padlab::importer
