#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/python_lexer.hpp"

using namespace padlab;
using namespace padlab::importer;

namespace {

// "Name:model Op:= ..." for compact comparisons.
std::string kinds(const std::string& source) {
    std::string out;
    for (const Token& t : tokenize_python(source)) {
        if (!out.empty()) out += ' ';
        switch (t.kind) {
            case TokenKind::Name: out += "N:" + t.text; break;
            case TokenKind::Int: out += "I:" + std::to_string(t.int_value); break;
            case TokenKind::Float: out += "F:" + t.text; break;
            case TokenKind::String: out += "S:" + t.text; break;
            case TokenKind::Op: out += t.text; break;
            case TokenKind::Newline: out += "NL"; break;
            case TokenKind::Indent: out += "IN"; break;
            case TokenKind::Dedent: out += "DE"; break;
            case TokenKind::End: out += "END"; break;
        }
    }
    return out;
}

void expect_lex_error(const std::string& source, const std::string& message, int line, int column) {
    try {
        tokenize_python(source);
        FAIL("no error for: " << source);
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()) == message);
        CHECK(e.where().line == line);
        CHECK(e.where().column == column);
    }
}

}  // namespace

TEST_CASE("tokens of a model line", "[python_lexer]") {
    CHECK(kinds("model.add(Conv2D(32, (3, 3)))") ==
          "N:model . N:add ( N:Conv2D ( I:32 , ( I:3 , I:3 ) ) ) NL END");
    CHECK(kinds("x //= 2 ** -1") == "N:x //= I:2 ** - I:1 NL END");
    CHECK(kinds("a != b <= c") == "N:a != N:b <= N:c NL END");
}

TEST_CASE("logical lines: comments, blank lines, continuations, brackets", "[python_lexer]") {
    CHECK(kinds("a = 1  # one\n\n   \n# only a comment\nb = 2") == "N:a = I:1 NL N:b = I:2 NL END");
    CHECK(kinds("a = 1 + \\\n    2") == "N:a = I:1 + I:2 NL END");
    CHECK(kinds("f(1,\n  2)\r\ng()") == "N:f ( I:1 , I:2 ) NL N:g ( ) NL END");
    CHECK(kinds("%matplotlib inline\n!pip install x\ny = 1") == "N:y = I:1 NL END");
}

TEST_CASE("numbers", "[python_lexer]") {
    CHECK(kinds("1_000 0x1F 0o17 0b101 0") == "I:1000 I:31 I:15 I:5 I:0 NL END");
    const auto toks = tokenize_python("1.5 .25 3. 1e-3 2E+2");
    CHECK(toks[0].float_value == 1.5);
    CHECK(toks[1].float_value == 0.25);
    CHECK(toks[2].float_value == 3.0);
    CHECK(toks[3].float_value == 0.001);
    CHECK(toks[4].float_value == 200.0);
    CHECK(tokenize_python("9223372036854775807")[0].int_value == 9223372036854775807LL);
    expect_lex_error("x = 9223372036854775808", "integer literal too large (PadLab integers are 64-bit)", 1, 5);
    expect_lex_error("x = 012", "leading zeros in decimal integer literals are not permitted", 1, 5);
    expect_lex_error("x = 3j", "complex numbers are not supported", 1, 5);
    expect_lex_error("x = 3abc", "invalid number literal '3a'", 1, 5);
}

TEST_CASE("strings: quotes, prefixes, escapes, concatenation is the parser's", "[python_lexer]") {
    CHECK(kinds(R"('a' "b" '''c'd''' """e""")") == "S:a S:b S:c'd S:e NL END");
    CHECK(kinds(R"(r'\n' b'x' u'y')") == "S:\\n S:x S:y NL END");
    CHECK(kinds(R"('\t\x41\u00e9\101\q')") == "S:\tA\u00e9A\\q NL END");
    CHECK(kinds("\u2018same\u2019 \u201cvalid\u201d") == "S:same S:valid NL END");
    CHECK(tokenize_python("f'x'")[0].fstring);
    CHECK(kinds("f'x'") == "S:x NL END");
    expect_lex_error("s = 'abc\n", "unterminated string literal", 1, 5);
    expect_lex_error("s = '''abc", "unterminated triple-quoted string literal", 1, 5);
    expect_lex_error("s = '\\ud800'", "escape U+D800 is not a valid Unicode character", 1, 6);
    expect_lex_error("s = '\\x4'", "truncated \\xXX escape", 1, 6);
}

TEST_CASE("unicode: blanks are skipped, other characters refused by name", "[python_lexer]") {
    CHECK(kinds("a\u00a0=\u00a01") == "N:a = I:1 NL END");
    CHECK(kinds("a\u00ac\u2020=\u00ac\u20201") == "N:a = I:1 NL END");
    CHECK(kinds("s = '\u00e9\u20ac'") == "N:s = S:\u00e9\u20ac NL END");
    expect_lex_error("x = 28\u00d728", "invalid character '\u00d7' (U+00D7)", 1, 7);
    expect_lex_error("x = 1\n\xff", "invalid UTF-8 byte 0xFF", 2, 1);
    expect_lex_error("x = $", "invalid character '$'", 1, 5);
}

TEST_CASE("bracket errors", "[python_lexer]") {
    expect_lex_error("f(1, [2)", "closing parenthesis ')' does not match opening parenthesis '['", 1, 8);
    expect_lex_error("f(1,\n[2\n)", "closing parenthesis ')' does not match opening parenthesis '[' on line 2", 3, 1);
    expect_lex_error("x = 1)", "unmatched ')'", 1, 6);
    expect_lex_error("x = {\n1: 2", "'{' was never closed", 1, 5);
    expect_lex_error("x = 1 \\ 2", "unexpected character after line continuation character", 1, 7);
}

TEST_CASE("indentation: blocks open and close, blank and comment lines do not count", "[python_lexer]") {
    CHECK(kinds("if x:\n    y = 1\nz = 2") == "N:if N:x : NL IN N:y = I:1 NL DE N:z = I:2 NL END");
    CHECK(kinds("def f():\n  if a:\n    pass\n") == "N:def N:f ( ) : NL IN N:if N:a : NL IN N:pass NL DE DE END");
    CHECK(kinds("if a:\n    b\n\n  # a comment\n    c\nd") == "N:if N:a : NL IN N:b NL N:c NL DE N:d NL END");
    // Lines continued inside brackets or with a backslash are one logical line.
    CHECK(kinds("f(1,\n      2)\nif a:\n  b = 1 + \\\n 2") == "N:f ( I:1 , I:2 ) NL N:if N:a : NL IN N:b = I:1 + I:2 NL DE END");
    // A tab advances to the next multiple of 8, as in Python; a no-break space counts one.
    CHECK(kinds("if a:\n\tb\n        c") == "N:if N:a : NL IN N:b NL N:c NL DE END");
    CHECK(kinds("if a:\n\u00a0b") == "N:if N:a : NL IN N:b NL DE END");
    const std::vector<Token> toks = tokenize_python("if a:\n    b\n");
    CHECK(toks[4].kind == TokenKind::Indent);
    CHECK(toks[4].line == 2);
    CHECK(toks[4].column == 5);
}

TEST_CASE("indentation: a snippet indented as a whole is read at its own level", "[python_lexer]") {
    // Code copied out of a function body or an indented notebook cell.
    CHECK(kinds("    a = 1\n    if a:\n        b = 2\n    c = 3") ==
          "N:a = I:1 NL N:if N:a : NL IN N:b = I:2 NL DE N:c = I:3 NL END");
    expect_lex_error("    a = 1\nb = 2", "unindent does not match any outer indentation level", 2, 1);
    expect_lex_error("if a:\n    b\n  c", "unindent does not match any outer indentation level", 3, 3);
    std::string deep;
    for (int i = 0; i < 102; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "if a:\n";
    expect_lex_error(deep, "too many levels of indentation", 102, 102);
}

TEST_CASE("f-strings: literal parts and replacement fields", "[python_lexer]") {
    const std::vector<Token> toks = tokenize_python("n = f'conv_{i:02d}_{name!r}{{x}}'");
    const Token& f = toks[2];
    REQUIRE(f.fstring);
    REQUIRE(f.parts.size() == 5);
    CHECK(f.parts[0].text == "conv_");
    CHECK_FALSE(f.parts[0].field);
    CHECK(f.parts[1].field);
    CHECK(f.parts[1].text == "02d");
    CHECK(f.parts[1].conversion == 0);
    CHECK(f.parts[1].begin == 12);
    CHECK(f.parts[1].end == 13);
    CHECK(f.parts[1].line == 1);
    CHECK(f.parts[1].column == 13);
    CHECK(f.parts[2].text == "_");
    CHECK(f.parts[3].conversion == 'r');
    CHECK(f.parts[3].text.empty());
    CHECK(f.parts[4].text == "{x}");  // doubled braces are literal
    // Brackets and strings inside a field; escapes in the literal text; raw f-strings.
    const std::vector<Token> more = tokenize_python(R"(f"{d['a}']}\t{(1, 2)[0]:>3}")");
    const Token& g = more[0];
    REQUIRE(g.parts.size() >= 2);
    CHECK(g.parts[1].text == "\t");
    CHECK(tokenize_python(R"(rf'\d{x}')")[0].parts[0].text == "\\d");
}

TEST_CASE("f-string errors", "[python_lexer]") {
    expect_lex_error("s = f'{}'", "f-string: empty expression not allowed", 1, 5);
    expect_lex_error("s = f'{x'", "f-string: expecting '}'", 1, 5);
    expect_lex_error("s = f'a}'", "f-string: single '}' is not allowed", 1, 8);
    expect_lex_error("s = f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 10);
    expect_lex_error("s = f'{x=}'", "f-string '=' specifiers (f\"{x=}\") are not part of PadLab's Python subset", 1, 9);
    expect_lex_error("s = f'{x:{w}}'", "nested replacement fields in f-string format specs are not part of PadLab's Python subset", 1, 10);
    expect_lex_error("s = f'{x # no}'", "f-string expression part cannot include '#'", 1, 10);
}

TEST_CASE("a fragment keeps the positions of the whole source", "[python_lexer]") {
    const std::vector<Token> toks = tokenize_python_fragment("ab + cd(\n1)", 5, 11, 1, 6);
    REQUIRE(toks.size() == 5);
    CHECK(toks[0].text == "cd");
    CHECK(toks[0].column == 6);
    CHECK(toks[2].int_value == 1);
    CHECK(toks[2].line == 2);
    CHECK(toks[4].kind == TokenKind::End);
}
