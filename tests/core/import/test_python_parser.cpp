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
    const auto clauses = [&]() {
        std::string s;
        for (const auto& c : e.items) s += show(*c);
        return s;
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
        case K::FString: return list("f(", ")");
        case K::FormatField: {
            std::string s = "{" + show(*e.a);
            if (e.int_value) s += std::string("!") + static_cast<char>(e.int_value);
            if (!e.text.empty()) s += ":" + e.text;
            return s + "}";
        }
        case K::ListComp: return "[" + show(*e.a) + clauses() + "]";
        case K::GeneratorExp: return "gen(" + show(*e.a) + clauses() + ")";
        case K::DictComp: return "{" + show(*e.a) + ": " + show(*e.b) + clauses() + "}";
        case K::Lambda: return "(lambda " + show(*e.a) + ")";
        case K::CompFor: {
            std::string s = " for " + show(*e.a) + " in " + show(*e.b);
            for (const auto& c : e.items) s += " if " + show(*c);
            return s;
        }
    }
    return "?";
}

// A compact form of statements: "for i in range(3): [x = 1]".
std::string show_block(const std::vector<Stmt>& body);
std::string show_stmt(const Stmt& s) {
    using K = Stmt::Kind;
    switch (s.kind) {
        case K::Ignored: return s.imports.empty() ? "pass" : "import";
        case K::Expression: return show(*s.value);
        case K::Assign: return show(*s.targets[0]) + " = " + show(*s.value);
        case K::AugAssign: return show(*s.targets[0]) + " " + s.op + "= " + show(*s.value);
        case K::If: return "if " + show(*s.value) + ": " + show_block(s.body) + (s.orelse.empty() ? "" : " else: " + show_block(s.orelse));
        case K::For:
            return "for " + show(*s.targets[0]) + " in " + show(*s.value) + ": " + show_block(s.body) +
                   (s.orelse.empty() ? "" : " else: " + show_block(s.orelse));
        case K::With: return "with" + std::string(s.targets.empty() ? "" : " as " + show(*s.targets[0])) + ": " + show_block(s.body);
        case K::Def: {
            std::string out = "def " + s.name + "(";
            for (std::size_t i = 0; i < s.params.size(); ++i) {
                const Param& p = s.params[i];
                out += (i ? ", " : "") + std::string(p.keyword_only ? "*" : "") + p.name +
                       (p.default_value ? "=" + show(*p.default_value) : "");
            }
            return out + "): " + show_block(s.body);
        }
        case K::Return: return "return" + (s.value ? " " + show(*s.value) : std::string());
        case K::Break: return "break";
        case K::Continue: return "continue";
        case K::Raise: return "raise" + (s.value ? " " + show(*s.value) : std::string());
        case K::Assert: return "assert " + show(*s.value);
        case K::Del: return "del " + show(*s.targets[0]);
    }
    return "?";
}
std::string show_block(const std::vector<Stmt>& body) {
    std::string out = "[";
    for (std::size_t i = 0; i < body.size(); ++i) out += (i ? "; " : "") + show_stmt(body[i]);
    return out + "]";
}
std::string program(const std::string& source) { return show_block(parse_python(source)); }

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
    expect_parse_error("x = 0\nwhile x < 3:\n  x += 1",
                       "unsupported statement: while-loops are not part of PadLab's Python subset; write a for-loop over range(...)", 2, 1);
    expect_parse_error("class Net(keras.Model):\n  pass",
                       "unsupported statement: class definitions (subclassed layers and models) are not part of PadLab's "
                       "Python subset; build the model with Sequential(...) or keras.Model(inputs, outputs)", 1, 1);
    expect_parse_error("@register\nclass Block: pass",
                       "unsupported statement: class definitions (subclassed layers and models) are not part of PadLab's "
                       "Python subset; build the model with Sequential(...) or keras.Model(inputs, outputs)", 2, 1);
    expect_parse_error("try:\n  import keras\nexcept ImportError:\n  pass",
                       "unsupported statement: try-blocks are not part of PadLab's Python subset", 1, 1);
    expect_parse_error("def f():\n  global n", "unsupported statement: global/nonlocal declarations are not part of PadLab's Python subset", 2, 3);
    // A lambda parses (its body too); the importer keeps it as an opaque function.
    CHECK(expr("Lambda(lambda x, y=(1, 2): x * y)") == "Lambda((lambda (* x y)))");
    expect_parse_error("def f():\n  yield 1", "unsupported statement: yield statements are not part of PadLab's Python subset", 2, 3);
    expect_parse_error("def f(*args): pass", "*args parameters are not part of PadLab's Python subset", 1, 7);
    expect_parse_error("def f(**kw): pass", "**kwargs parameters are not part of PadLab's Python subset", 1, 7);
    expect_parse_error("x = {i for i in y}", "set comprehensions are not part of PadLab's Python subset", 1, 8);
    expect_parse_error("x = {1, 2}", "set literals are not part of PadLab's Python subset (expected ':' for a dict)", 1, 7);
    expect_parse_error("f(*args)", "*args and **kwargs in calls are not part of PadLab's Python subset", 1, 3);
    expect_parse_error("x = a | b", "operator '|' is not part of PadLab's Python subset", 1, 7);
    expect_parse_error("x = a < b < c", "chained comparisons are not part of PadLab's Python subset", 1, 11);
    expect_parse_error("a, *rest = x", "starred expressions are not part of PadLab's Python subset", 1, 4);
    expect_parse_error("f(a=1, 2)", "positional argument follows keyword argument", 1, 8);
    expect_parse_error("f(a=1, a=2)", "keyword argument repeated: a", 1, 8);
    expect_parse_error("f() = 3", "cannot assign to a function call (maybe you meant '==' instead of '=')", 1, 1);
    expect_parse_error("x = 1 2", "invalid syntax: expected the end of the statement, got '2'", 1, 7);
    expect_parse_error("x = ", "invalid syntax: expected an expression, got the end of the line", 1, 5);
    expect_parse_error("x = (1 for", "'(' was never closed", 1, 5);
    expect_parse_error("f(x for x in y, 1)", "Generator expression must be parenthesized", 1, 15);
}

TEST_CASE("blocks: errors Python gives for misplaced statements and indentation", "[python_parser]") {
    expect_parse_error("for i in range(3):\nx = 1", "expected an indented block after 'for' statement on line 1", 2, 1);
    expect_parse_error("def f(x):\n", "expected an indented block after function definition on line 1", 2, 1);
    expect_parse_error("if a:\n  pass\nelse:\nb", "expected an indented block after 'else' statement on line 3", 4, 1);
    expect_parse_error("x = 1\n  y = 2", "unexpected indent", 2, 3);
    expect_parse_error("if a\n  pass", "expected ':' after the 'if' statement, got the end of the line", 1, 5);
    expect_parse_error("else:\n  pass", "invalid syntax: 'else' without a matching 'if'", 1, 1);
    expect_parse_error("return 1", "'return' outside function", 1, 1);
    expect_parse_error("break", "'break' outside loop", 1, 1);
    expect_parse_error("for i in x:\n  def f():\n    continue", "'continue' not properly in loop", 3, 5);
    expect_parse_error("def f(a=1, b): pass", "non-default argument follows default argument", 1, 12);
    expect_parse_error("def f(a, a): pass", "duplicate argument 'a' in function definition", 1, 10);
    expect_parse_error("for i in range(3) print(i)", "expected ':' after the 'for' statement, got 'print'", 1, 19);
    expect_parse_error("del x[0]", "del is supported for names only in PadLab's Python subset", 1, 1);
}

TEST_CASE("statements: blocks, def, for/else, if/elif/else, with, decorators", "[python_parser]") {
    CHECK(program("for i in range(3):\n    x = i\n    if x:\n        break\nelse:\n    y = 2") ==
          "[for i in range(3): [x = i; if x: [break]] else: [y = 2]]");
    CHECK(program("if a: b = 1\nelif c:\n  b = 2\nelse:\n  pass") == "[if a: [b = 1] else: [if c: [b = 2] else: [pass]]]");
    CHECK(program("def conv_block(x, filters, kernel_size=3, *, name=None) -> None:\n"
                  "    'Docstring.'\n"
                  "    return layers.Conv2D(filters, kernel_size, name=name)(x)\n") ==
          "[def conv_block(x, filters, kernel_size=3, *name=None): ['Docstring.'; return "
          "layers.Conv2D(filters kernel_size name=name)(x)]]");
    CHECK(program("for i, (a, b) in enumerate(pairs): continue") == "[for tuple(i tuple(a b)) in enumerate(pairs): [continue]]");
    CHECK(program("with strategy.scope() as s, tf.device('/cpu:0'):\n  m = 1") == "[with as s: [m = 1]]");
    CHECK(program("def f(): return\nassert n > 0, 'positive'\ndel a, b\nraise ValueError('x')") ==
          "[def f(): [return]; assert (> n 0); del a; raise ValueError('x')]");
    const std::vector<Stmt> p = parse_python("@tf.function\n@other\ndef step(x):\n    pass\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].decorators.size() == 2);
    CHECK(p[0].line == 3);
    CHECK(p[0].params[0].column == 10);
}

TEST_CASE("comprehensions and generator expressions", "[python_parser]") {
    CHECK(expr("[f * 2 for f in filters if f > 8]") == "[(* f 2) for f in filters if (> f 8)]");
    CHECK(expr("[(i, j) for i in a for j in b if i if j]") == "[tuple(i j) for i in a for j in b if i if j]");
    CHECK(expr("sum(x for x in xs)") == "sum(gen(x for x in xs))");
    CHECK(expr("(x for x, _ in pairs)") == "gen(x for tuple(x _) in pairs)");
    CHECK(expr("{k: v for k, v in d.items()}") == "{k: v for tuple(k v) in d.items()}");
}

TEST_CASE("f-strings: fields are parsed where they are", "[python_parser]") {
    CHECK(expr("f'conv_{i}'") == "f('conv_' {i})");
    CHECK(expr("f'{name!r:>10}_{i + 1:02d}' 'x' f'{{}}'") == "f({name!r:>10} '_' {(+ i 1):02d} 'x{}')");
    CHECK(expr("f'{f\"{x}\"}'") == "f({f({x})})");
    CHECK(expr("'a' 'b'") == "'ab'");
    const std::vector<Stmt> p = parse_python("name = f'''block{n}_{\n  i}'''");
    const Expr& field = *p[0].value->items[3];
    CHECK(field.kind == Expr::Kind::FormatField);
    CHECK(field.a->line == 2);
    CHECK(field.a->column == 3);
    expect_parse_error("x = f'{a b}'", "invalid syntax in the f-string expression: unexpected 'b'", 1, 10);
    // Python refuses a bare lambda in a field too (its ':' starts the format spec).
    expect_parse_error("x = f'{lambda: 1}'", "expected ':' lambda parameters, got the end of the input", 1, 14);
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
