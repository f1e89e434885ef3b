#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/base/errors.hpp"
#include "core/import/python_parser.hpp"

using namespace padlab;
using namespace padlab::importer;

namespace {

// A compact prefix form of an expression tree, for checking structure and precedence.
std::string show(const Expr& e) {
    using K = Expr::Kind;
    const auto list = [&](const std::string& open, const std::string& close) {
        std::string s = open;
        for (std::size_t i = 0; i < e.items.size(); ++i) s += (i ? " " : "") + (e.items[i] ? show(*e.items[i]) : "_");
        return s + close;
    };
    switch (e.kind) {
        case K::Name: return e.text;
        case K::Attribute: return show(*e.a) + "." + e.text;
        case K::Call: {
            std::string s = show(*e.a) + list("(", "");
            for (const auto& kw : e.kwargs) s += " " + kw.first + "=" + show(*kw.second);
            return s + ")";
        }
        case K::Subscript: return show(*e.a) + "[" + show(*e.b) + "]";
        case K::Slice: return list("slice(", ")");
        case K::Int: return std::to_string(e.int_value);
        case K::Float: return "float";
        case K::String: return "'" + e.text + "'";
        case K::Bool: return e.bool_value ? "True" : "False";
        case K::None: return "None";
        case K::Ellipsis: return "...";
        case K::Tuple: return list("tuple(", ")");
        case K::List: return list("[", "]");
        case K::Dict: return list("{", "}");
        case K::Unary: return "(" + e.text + " " + show(*e.a) + ")";
        case K::Binary:
        case K::Compare:
        case K::BoolOp: return "(" + e.text + " " + show(*e.a) + " " + show(*e.b) + ")";
        case K::IfElse: return "(if " + show(*e.b) + " " + show(*e.a) + " " + show(*e.items[0]) + ")";
    }
    return "?";
}

std::string expr(const std::string& source) {
    const std::vector<Stmt> program = parse_python(source);
    REQUIRE(program.size() == 1);
    REQUIRE(program[0].kind == Stmt::Kind::Expression);
    return show(*program[0].value);
}

void expect_parse_error(const std::string& source, const std::string& message, int line, int column) {
    try {
        parse_python(source);
        FAIL("no error for: " << source);
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()) == message);
        CHECK(e.where().line == line);
        CHECK(e.where().column == column);
    }
}

}  // namespace

TEST_CASE("expressions: precedence and associativity follow Python", "[python_parser]") {
    CHECK(expr("1 + 2 * 3") == "(+ 1 (* 2 3))");
    CHECK(expr("-2 ** 2") == "(- (** 2 2))");
    CHECK(expr("2 ** 3 ** 2") == "(** 2 (** 3 2))");
    CHECK(expr("a - b - c") == "(- (- a b) c)");
    CHECK(expr("not a == b or c and d") == "(or (not (== a b)) (and c d))");
    CHECK(expr("x if c else y") == "(if c x y)");
    CHECK(expr("a not in b") == "(not in a b)");
}

TEST_CASE("expressions: calls, attributes, subscripts, literals", "[python_parser]") {
    CHECK(expr("tf.keras.layers.Conv2D(32, (3, 3), padding='same')") ==
          "tf.keras.layers.Conv2D(32 tuple(3 3) padding='same')");
    CHECK(expr("x[1:]") == "x[slice(1 _ _)]");
    CHECK(expr("x[::-1, 0]") == "x[tuple(slice(_ _ (- 1)) 0)]");
    CHECK(expr("[1, 2,]") == "[1 2]");
    CHECK(expr("(1,)") == "tuple(1)");
    CHECK(expr("()") == "tuple()");
    CHECK(expr("{'a': 1, 2: None}") == "{'a' 1 2 None}");
    CHECK(expr("'con' \"cat\"") == "'concat'");
    CHECK(expr("(((a)))") == "a");
}

TEST_CASE("statements: imports, assignments, augmented and annotated assignments", "[python_parser]") {
    const std::vector<Stmt> p = parse_python(
        "import tensorflow as tf, numpy\nfrom keras.layers import (Dense as D,\n Conv2D)\nfrom . import x\n"
        "a = b = 1\nc, (d, e) = 1, (2, 3)\nn += 2\nm: int = 4\npass; q = 1;\n");
    REQUIRE(p.size() == 9);
    CHECK(p[0].imports == std::vector<std::pair<std::string, std::string>>{{"tf", "tensorflow"}, {"numpy", "numpy"}});
    CHECK(p[1].imports == std::vector<std::pair<std::string, std::string>>{{"D", "keras.layers.Dense"},
                                                                           {"Conv2D", "keras.layers.Conv2D"}});
    CHECK(p[2].imports[0].second == "..x");
    CHECK(p[3].kind == Stmt::Kind::Assign);
    CHECK(p[3].targets.size() == 2);
    CHECK(show(*p[4].targets[0]) == "tuple(c tuple(d e))");
    CHECK(p[5].kind == Stmt::Kind::AugAssign);
    CHECK(p[5].op == "+");
    CHECK(p[6].kind == Stmt::Kind::Assign);
    CHECK(p[7].kind == Stmt::Kind::Ignored);
    CHECK(p[8].kind == Stmt::Kind::Assign);
    CHECK(p[8].line == 9);
    CHECK(p[8].column == 7);
}

TEST_CASE("what the subset refuses", "[python_parser]") {
    expect_parse_error("for i in range(3):\n  pass", "unsupported statement: for-loops are not part of the Sequential subset", 1, 1);
    expect_parse_error("x = 1\nif x:\n  pass", "unsupported statement: if-statements are not part of the Sequential subset", 2, 1);
    expect_parse_error("with s.scope():\n  pass", "unsupported statement: with-blocks are not part of the Sequential subset", 1, 1);
    expect_parse_error("@tf.function\ndef f(): pass", "unsupported statement: decorators are not part of the Sequential subset", 1, 1);
    expect_parse_error("x = [i for i in y]", "comprehensions are not part of the Sequential subset", 1, 8);
    expect_parse_error("x = {1, 2}", "set literals are not part of the Sequential subset (expected ':' for a dict)", 1, 7);
    expect_parse_error("f(*args)", "*args and **kwargs in calls are not part of the Sequential subset", 1, 3);
    expect_parse_error("x = a | b", "operator '|' is not part of the Sequential subset", 1, 7);
    expect_parse_error("x = a < b < c", "chained comparisons are not part of the Sequential subset", 1, 11);
    expect_parse_error("f(a=1, 2)", "positional argument follows keyword argument", 1, 8);
    expect_parse_error("f(a=1, a=2)", "keyword argument repeated: a", 1, 8);
    expect_parse_error("f() = 3", "cannot assign to a function call (maybe you meant '==' instead of '=')", 1, 1);
    expect_parse_error("x = 1 2", "invalid syntax: expected the end of the statement, got '2'", 1, 7);
    expect_parse_error("x = ", "invalid syntax: expected an expression, got the end of the line", 1, 5);
    expect_parse_error("x = (1 for", "'(' was never closed", 1, 5);
}

TEST_CASE("nesting is capped so recursion stays shallow", "[python_parser]") {
    CHECK_NOTHROW(parse_python("x = " + std::string(90, '[') + std::string(90, ']')));
    expect_parse_error("x = " + std::string(101, '(') + "1" + std::string(101, ')'),
                       "expression nested too deeply (more than 100 levels)", 1, 105);
    expect_parse_error("x = " + std::string(200, '-') + "1", "expression nested too deeply (more than 100 levels)", 1, 104);
    std::string chain = "x = a";
    for (int i = 0; i < 150; ++i) chain += ".b";
    CHECK_THROWS_AS(parse_python(chain), ParseError);
}

TEST_CASE("expr_source quotes an expression on one line", "[python_parser]") {
    const std::string src = "y = x_train.shape[\n    1:]";
    const std::vector<Stmt> p = parse_python(src);
    CHECK(expr_source(src, *p[0].value) == "x_train.shape[ 1:]");
    CHECK(expr_source(src, *p[0].value, 5) == "x_tra...");
}
